"""The registry's pages: a list, a detail page, and create/edit forms for every entity.

Three small generic views read one `Entity` (pages.py) each, instead of eleven copies of each
page. They read only through `queries` (an object outside the user's scope is a 404) and write
only through `services` (which check permissions again and validate the whole record).
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django_filters import FilterSet

from talentzone.core.services import perm_name, require_perm

from . import forms, queries, services
from .models import Talent
from .pages import Entity, Tab

PAGE_SIZE = 25
TAB_ROWS = 50
RESULTS_ID = "results"
SEARCH = "q"  # the keyword filter every registry FilterSet has


def field_label(model: type[Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def attach_errors(form: forms.RegistryForm, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class EntityView(LoginRequiredMixin, View):
    entity: Entity = None  # set per URL by as_view(entity=…)

    def visible_objects(self) -> QuerySet:
        return queries.visible(self.entity.model, self.request.user)

    def get_object(self) -> Model:
        return get_object_or_404(self.visible_objects(), pk=self.kwargs["pk"])

    def perm(self, action: str) -> str:
        return perm_name(self.entity.model, action)

    def url(self, page: str, *args) -> str:
        return reverse(f"directory:{self.entity.name}-{page}", args=args)

    def base_context(self) -> dict[str, Any]:
        options = self.entity.model._meta
        return {
            "entity": self.entity,
            "verbose_name": capfirst(options.verbose_name),
            "verbose_name_plural": capfirst(options.verbose_name_plural),
            "record_kind": options.verbose_name,
            "list_url": self.url("list"),
            "create_url": self.url("create"),
        }


class RegistryListView(EntityView):
    """Filter bar + sortable table + pagination; an htmx request for the results gets only them."""

    def get(self, request):
        filterset = self.filterset()
        order = self.order()
        # A filter that cannot be read (an employer one may not see, a date like 2026-13-01) shows
        # its error and no rows, rather than quietly listing everything.
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        forms.mark_invalid(filterset.form)
        rows = rows.order_by(*self.ordering(order))
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self.base_context(),
            "filterset": filterset,
            **self.filter_bar(filterset),
            "unlisted_filters": self.unlisted_filters(filterset),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "columns": self.columns(order),
            "order": order,
            "can_add": request.user.has_perm(self.perm("add")),
            "results_id": RESULTS_ID,
        }
        wants_results = request.htmx and request.htmx.target == RESULTS_ID
        template = "directory/_results.html" if wants_results else "directory/list.html"
        response = render(request, template, context)
        # The same URL answers a whole page or only the results: caches must tell them apart.
        patch_vary_headers(response, ("HX-Request", "HX-Target"))
        return response

    def filterset(self) -> FilterSet:
        filterset = self.entity.filterset(
            self.request.GET, queryset=self.visible_objects(), request=self.request
        )
        forms.style_widgets(filterset.form)
        return filterset

    def filter_bar(self, filterset: FilterSet) -> dict[str, Any]:
        """The keyword search first; the other filters fold away on a phone unless in use."""
        form = filterset.form
        names = [
            name
            for name in form.fields
            if name != SEARCH and name not in self.entity.unlisted_filters
        ]
        return {
            "search_field": form[SEARCH] if SEARCH in form.fields else None,
            "bar_fields": [form[name] for name in names],
            "filters_open": any(self.request.GET.get(name) for name in names),
        }

    def unlisted_filters(self, filterset: FilterSet) -> list[dict[str, Any]]:
        """Filters in use that the bar does not offer: shown as chips that can be removed."""
        chips = []
        for name in self.entity.unlisted_filters:
            value = self.request.GET.get(name)
            if not value:
                continue
            rest = self.request.GET.copy()
            rest.pop(name)
            rest.pop("page", None)
            chips.append(
                {
                    "name": name,
                    "value": value,
                    "label": field_label(self.entity.model, filterset.filters[name].field_name),
                    "shown": self.filtered_record(filterset, name) or value,
                    "invalid": name in filterset.form.errors,
                    "clear_url": f"?{rest.urlencode()}",
                }
            )
        return chips

    def filtered_record(self, filterset: FilterSet, name: str) -> Model | None:
        """The record a filter by id points at (?talent=42 → the talent), if the user sees it."""
        value = filterset.form.cleaned_data.get(name)
        if isinstance(value, Model) or value is None:
            return value
        field = self.entity.model._meta.get_field(filterset.filters[name].field_name)
        if not field.is_relation or field.related_model not in queries.VISIBLE:
            return None
        return queries.visible(field.related_model, self.request.user).filter(pk=value).first()

    def order(self) -> str:
        """The requested `?o=` if it is on the entity's whitelist, else "" (default order)."""
        requested = self.request.GET.get("o", "")
        return requested if requested.removeprefix("-") in dict(self.entity.sort) else ""

    def ordering(self, order: str) -> list[str]:
        # The primary key breaks ties, so pages never repeat or skip a row.
        if not order:
            return [*self.entity.model._meta.ordering, "pk"]
        descending = order.startswith("-")
        expression = dict(self.entity.sort)[order.removeprefix("-")]
        return [f"-{expression}", "-pk"] if descending else [expression, "pk"]

    def columns(self, order: str) -> list[dict[str, Any]]:
        sortable = dict(self.entity.sort)
        columns = []
        for name in self.entity.columns:
            current = "asc" if order == name else "desc" if order == f"-{name}" else ""
            columns.append(
                {
                    "name": name,
                    "label": field_label(self.entity.model, name),
                    "sortable": name in sortable,
                    "current": current,
                    "next": f"-{name}" if current == "asc" else name,
                }
            )
        return columns


class RegistryDetailView(EntityView):
    """Header, the record's fields, and tabs of related records; Edit only for those who may."""

    def get(self, request, pk):
        obj = self.get_object()
        can_change = request.user.has_perm(self.perm("change"), obj)
        context = {
            **self.base_context(),
            "object": obj,
            "fields": [
                (name, field_label(self.entity.model, name)) for name in self.entity.detail_fields
            ],
            "tabs": [self.tab_context(tab, obj) for tab in self.entity.tabs],
            "can_change": can_change,
            "edit_url": self.url("edit", obj.pk),
            "can_reveal": self.entity.model is Talent
            and request.user.has_perm("directory.reveal_talent", obj),
        }
        return render(request, "directory/detail.html", context)

    def tab_context(self, tab: Tab, obj: Model) -> dict[str, Any]:
        rows = tab.rows(self.request.user, obj)
        model = rows.model
        count = rows.count()
        context = {
            "label": tab.label,
            "count": count,
            "rows": rows[:TAB_ROWS],
            "columns": [(name, field_label(model, name)) for name in tab.columns],
            "more_url": "",
            "add_url": "",
        }
        if tab.link_field:
            query = urlencode({tab.link_field: obj.pk})
            name = model._meta.model_name
            if count > TAB_ROWS:
                context["more_url"] = f"{reverse(f'directory:{name}-list')}?{query}"
            if self.request.user.has_perm(perm_name(model, "add")):
                context["add_url"] = f"{reverse(f'directory:{name}-create')}?{query}"
        return context


class RegistryFormView(EntityView):
    """Create (no pk) or edit (pk) a record; the service saves it or says why not."""

    def get(self, request, pk=None):
        instance = self.writable_object(pk)
        return self.render_form(self.make_form(instance), instance)

    def post(self, request, pk=None):
        instance = self.writable_object(pk)
        form = self.make_form(instance, data=request.POST)
        if form.is_valid():
            try:
                # A fresh copy: validating the form already wrote the new values into
                # `instance`, and the service checks permission on the record as it was.
                saved = self.entity.save(
                    actor=request.user, form=form, instance=self.writable_object(pk)
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved: %(record)s") % {"record": saved})
                return redirect(self.url("detail", saved.pk))
        return self.render_form(form, instance)

    def writable_object(self, pk) -> Model | None:
        """None for a new record; the visible record to edit otherwise. 403 unless permitted."""
        if pk is None:
            require_perm(self.request.user, self.perm("add"))
            return None
        obj = self.get_object()
        require_perm(self.request.user, self.perm("change"), obj)
        return obj

    def make_form(self, instance: Model | None, data=None) -> forms.RegistryForm:
        fields = self.entity.form._meta.fields
        # A new record may be started from a link on a related page (?employer=7).
        initial = {} if instance else {k: v for k, v in self.request.GET.items() if k in fields}
        return self.entity.form(
            data=data, instance=instance, initial=initial, user=self.request.user
        )

    def render_form(self, form: forms.RegistryForm, instance: Model | None):
        context = {
            **self.base_context(),
            "form": form,
            "object": instance,
            "cancel_url": self.url("detail", instance.pk) if instance else self.url("list"),
        }
        return render(self.request, "directory/form.html", context)


class TalentRevealView(LoginRequiredMixin, View):
    """POST: show a talent's clear numbers to the office or the person (logged by the service).
    htmx swaps them in beside the masked ones; without JavaScript they come as a page."""

    def post(self, request, pk):
        talent = get_object_or_404(queries.visible_talents(request.user), pk=pk)
        numbers = services.talent_reveal(actor=request.user, talent=talent)
        template = "directory/_revealed.html" if request.htmx else "directory/revealed.html"
        return render(request, template, {"object": talent, "numbers": numbers})
