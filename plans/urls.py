"""The client's addresses. Included at the site root by clinic/urls.py: /plan/<token>/...

The service worker sits at /plan/sw.js, above every plan, so one worker's scope covers them all.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("plan/sw.js", views.service_worker, name="plan_service_worker"),
    path("plan/<str:token>/", views.plan_page, name="plan"),
    path("plan/<str:token>/sheet/", views.plan_sheet, name="plan_sheet"),
    path("plan/<str:token>/reminders.ics", views.plan_calendar_file, name="plan_calendar"),
    path("plan/<str:token>/check-in/", views.plan_checkin, name="plan_checkin"),
]
