"""Routes of the reports' pages (included by insights/urls.py; URL names `insights:<name>`)."""

from django.urls import path

from .views import reports

urlpatterns: list = [
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_new, name="report-new"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/progress/", reports.report_progress, name="report-progress"),
    path("reports/<int:pk>/workbook/", reports.report_workbook, name="report-workbook"),
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="report-pdf"),
]
