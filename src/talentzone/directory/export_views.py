"""The "Export to Excel" of every registry list: /directory/<plural>/export/?<the list's query>.

The export reads the list's own machinery (the visible rows, its FilterSet, its whitelisted
sort), so the file holds exactly the rows the list shows for the same query, on every page.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import exports
from .views import RegistryListView


class RegistryExportView(RegistryListView):
    """Answers the list's query with an .xlsx download, or goes back to the list saying why
    not (a filter that cannot be read, more rows than an export may hold)."""

    def get(self, request):
        if request.htmx:
            # The filter bar submits through htmx, which cannot save a file: send the browser
            # to the same URL as a plain request, which downloads it and leaves the page as is.
            return HttpResponseClientRedirect(request.get_full_path())
        filterset = self.filterset()
        if not filterset.is_valid():
            return self.back_to_list(_("Correct the filter before exporting."))
        rows = filterset.qs.order_by(*self.ordering(self.order()))
        try:
            export = exports.registry_export(
                actor=request.user,
                entity=self.entity,
                rows=rows,
                query=request.GET,
                ip=request.META.get("REMOTE_ADDR"),
            )
        except exports.ExportTooLarge as error:
            return self.back_to_list(str(error))
        return export.response()

    def back_to_list(self, message: str):
        messages.error(self.request, message)
        query = self.request.GET.urlencode()
        return redirect(f"{self.url('list')}?{query}" if query else self.url("list"))
