"""The exercise library in the admin: a snippet with drafts, revisions, preview and usage."""

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.checks import add_warning_messages

from .models import Exercise


class ExerciseFilterSet(WagtailFilterSet):
    class Meta:
        model = Exercise
        fields = ["body_areas", "difficulty", "live"]


class ExerciseViewSet(SnippetViewSet):
    model = Exercise
    icon = "tasks"
    menu_label = "Exercises"
    menu_name = "exercises"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "difficulty", "live", "last_reviewed"]
    list_filter = ["body_areas", "difficulty", "live"]
    search_fields = ["name", "summary"]
    ordering = ["name"]


register_snippet(ExerciseViewSet)


# Content checks: warnings after saving or publishing an exercise, never a block.
@hooks.register("after_create_snippet")
def warn_about_exercise_content_on_create(request, instance):
    if isinstance(instance, Exercise):
        add_warning_messages(request, instance)


@hooks.register("after_edit_snippet")
def warn_about_exercise_content_on_edit(request, instance):
    if isinstance(instance, Exercise):
        add_warning_messages(request, instance)
