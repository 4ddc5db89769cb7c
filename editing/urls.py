"""Mounted at /admin/editing/ by wagtail_hooks.py, so only signed-in admin users reach them."""

from django.urls import path

from . import exercise_views, views

app_name = "clinic_editing"

urlpatterns = [
    path("pages/<int:page_id>/draft/", views.draft, name="draft"),
    path("pages/<int:page_id>/blocks/<str:block_id>/", views.block, name="block"),
    path("pages/<int:page_id>/insert/", views.insert, name="insert"),
    path("pages/<int:page_id>/move/", views.move, name="move"),
    path("pages/<int:page_id>/fields/", views.fields, name="fields"),
    path("pages/<int:page_id>/publish/", views.publish, name="publish"),
    path("exercises/<int:exercise_id>/", exercise_views.exercise, name="exercise"),
]
