"""Admin: "Import from your old blog". Upload the export, read what it would do, confirm.

Only people who may add articles under the article index (the Editors group, superusers) get
in; publishing on import also needs the right to publish there. A bad file is a form error
with a 400, never a 500, and nothing is saved until she confirms.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.models import ArticleIndexPage

from . import pending
from .forms import ImportUploadForm
from .importer import import_wxr
from .wxr import WXRError

SESSION_KEY = "blog_import_pending"


def article_index():
    return ArticleIndexPage.objects.first()


def import_permissions(user):
    """(may import drafts, may also publish them)"""
    index = article_index()
    if index is None or not user.is_authenticated:
        return False, False
    tester = index.permissions_for_user(user)
    can_add = tester.can_add_subpage()
    return can_add, can_add and tester.can_publish_subpage()


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "blog_import/import.html"
    page_title = "Import from your old blog"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.can_import, self.can_publish = import_permissions(request.user)
        if not self.can_import:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("blog_import"), "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = article_index()
        context.setdefault("form", ImportUploadForm(can_publish=self.can_publish))
        context["articles_url"] = reverse("wagtailadmin_explore", args=[index.pk])
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("step") == "confirm":
            return self.confirm(request)
        form = ImportUploadForm(request.POST, request.FILES, can_publish=self.can_publish)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        publish = bool(form.cleaned_data.get("publish"))
        data = form.cleaned_data["data"]
        try:
            report = import_wxr(data, publish=publish, dry_run=True, user=request.user)
        except WXRError as error:
            form.add_error("export", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        context = {"report": report, "file_name": form.cleaned_data["export"].name[:200]}
        if not report.changed_nothing:
            token = pending.keep(data)
            previous = request.session.get(SESSION_KEY) or {}
            pending.forget(previous.get("token"))
            request.session[SESSION_KEY] = {"token": token, "publish": publish}
            context["confirm"] = True
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request):
        waiting = request.session.get(SESSION_KEY) or {}
        data = pending.load(waiting.get("token"))
        if data is None:
            problem = "That upload is no longer waiting to be imported: choose the file again."
            return self.render_to_response(self.get_context_data(problem=problem), status=400)
        publish = bool(waiting.get("publish")) and self.can_publish
        try:
            report = import_wxr(data, publish=publish, user=request.user)
        except WXRError as error:
            return self.render_to_response(self.get_context_data(problem=str(error)), status=400)
        pending.forget(waiting.get("token"))
        request.session.pop(SESSION_KEY, None)
        return self.render_to_response(self.get_context_data(report=report, done=True))
