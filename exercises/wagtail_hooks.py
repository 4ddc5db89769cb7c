"""The exercise library in the admin: a snippet with drafts, revisions, preview and usage."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
    # The model's search index (name, summary, steps, cautions) serves the listing's search box;
    # naming fields here would have to match index fields exactly ("name" is indexed as title).
    ordering = ["name"]


register_snippet(ExerciseViewSet)
