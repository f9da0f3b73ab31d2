"""The admin's "Import from WordPress": editors (not contributors or moderators) upload
an export; the task worker imports it while the page shows how far it is, reloading
itself until the report is there."""

import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .models import ImportRun
from .report import lines
from .tasks import import_export, upload_folder

PERMISSION = "wordpress.import_wordpress"


class UploadForm(forms.Form):
    export = forms.FileField(
        label="WordPress export (.xml)",
        help_text="In WordPress: Tools → Export → All content. Importing the same site "
        "again later updates what changed and adds what is new.",
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if not export.name.lower().endswith(".xml"):
            raise forms.ValidationError("Choose the .xml file WordPress exported.")
        return export


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["file_name", "status", "percent", "created_by", "created_at"]
    list_display_links = ["file_name"]

    def _allowed(self, request):
        return request.user.is_active and request.user.has_perm(PERMISSION)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self._allowed(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = self._start(request, form.cleaned_data["export"])
            messages.success(request, "The import has started; this page shows its progress.")
            return redirect("admin:wordpress_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import from WordPress",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/wordpress/upload.html", context)

    def _start(self, request, export):
        path = upload_folder() / f"{uuid.uuid4().hex}.xml"
        with open(path, "wb") as stream:
            for chunk in export.chunks():
                stream.write(chunk)
        run = ImportRun.objects.create(
            file_name=export.name[:255], path=str(path), bytes_total=export.size,
            created_by=request.user,
        )  # fmt: skip
        result = import_export.enqueue(run.pk)
        ImportRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
        return run

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._allowed(request):
            raise PermissionDenied
        run = self.get_object(request, object_id)
        if run is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {run.file_name}",
            "run": run,
            "report": lines(run.report) if run.report else [],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/wordpress/progress.html", context)
