"""The client's side of a plan: her page, the printable sheet, the calendar file, check-ins and
the service worker that keeps the page readable offline.

Every response about a plan (found, gone, wrong or refused) is private: never stored by a cache
or a proxy, never indexed, and the address (which is the key) never leaves in a Referer header.
"""

import re
from functools import wraps
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.defaults import page_not_found
from wagtail.models import Site

from .client_page import checkins_per_day, plan_page_context, sheet_log_days
from .models import CheckIn, Plan
from .qr import qr_svg
from .reminders import plan_calendar
from .throttle import is_throttled, record_miss, retry_after_seconds

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}
# secrets.token_urlsafe's alphabet; anything else (or longer) cannot be a plan's token.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FEELING_SHAPE = re.compile(r"^(?:10|[0-9])$")
# Assets the service worker keeps for offline use (the page's own, as base.html links them).
OFFLINE_ASSETS = [
    "css/site.css",
    "css/visitor.css",
    "css/print.css",
    "css/plan.css",
    "js/video.js",
    "js/search-suggest.js",
    "js/routine.js",
    "js/open-now.js",
    "js/plan.js",
]


def private(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for name, value in PRIVATE_HEADERS.items():
            response[name] = value
        return response

    return wrapper


def _clinic(request):
    from core.models import ClinicSettings

    return ClinicSettings.for_request(request)


def _refusal(request, template, status, context=None):
    response = TemplateResponse(request, template, {"seo_noindex": True, **(context or {})})
    response.status_code = status
    return response


def _find_plan(request, token):
    """(plan, None) when the link works; (None, the response to give) when it does not."""
    if is_throttled(request):
        response = _refusal(request, "plans/plan_throttled.html", 429)
        response["Retry-After"] = str(retry_after_seconds())
        return None, response
    plan = None
    if TOKEN_SHAPE.match(token):
        plan = Plan.objects.for_clients().for_client_page().filter(token=token).first()
    if plan is None:
        record_miss(request)
        return None, page_not_found(request, Http404("No such plan"))
    if not plan.is_available():
        return None, _refusal(request, "plans/plan_gone.html", 410, {"plan": plan})
    return plan, None


def _plan_response(request, plan, status=200, **extra):
    context = plan_page_context(request, plan)
    context.update(extra)
    response = TemplateResponse(request, "plans/plan_page.html", context)
    response.status_code = status
    return response


@private
@require_safe
def plan_page(request, token):
    plan, refusal = _find_plan(request, token)
    if refusal is not None:
        return refusal
    return _plan_response(request, plan, checkin_sent=request.GET.get("sent") == "1")


@private
@require_safe
def plan_sheet(request, token):
    plan, refusal = _find_plan(request, token)
    if refusal is not None:
        return refusal
    plan_url = request.build_absolute_uri(plan.get_client_url())
    context = plan_page_context(request, plan)
    context.update(
        {"plan_url": plan_url, "qr_svg": qr_svg(plan_url), "log_days": sheet_log_days(plan)}
    )
    return TemplateResponse(request, "plans/plan_sheet.html", context)


@private
@require_safe
def plan_calendar_file(request, token):
    plan, refusal = _find_plan(request, token)
    if refusal is not None:
        return refusal
    clinic = _clinic(request)
    site = Site.find_for_request(request)
    host = urlsplit(request.build_absolute_uri("/")).hostname or (site and site.hostname)
    body = plan_calendar(
        plan,
        plan_url=request.build_absolute_uri(plan.get_client_url()),
        clinic_name=clinic.clinic_name or "Home programme",
        host=host or "localhost",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="home-programme-reminders.ics"'
    return response


class CheckInError(ValueError):
    pass


def parse_checkin(data):
    """(feeling, comment) from the form, or CheckInError with a message for the client."""
    feelings = data.getlist("feeling")
    if len(feelings) != 1 or not FEELING_SHAPE.match(feelings[0].strip()):
        raise CheckInError("Choose how it feels today: a whole number from 0 to 10.")
    comments = data.getlist("comment")
    if len(comments) > 1:
        raise CheckInError("Send one comment at a time.")
    comment = (comments[0] if comments else "").replace("\r\n", "\n").strip()
    if any(ord(char) < 32 and char not in "\n\t" for char in comment):
        raise CheckInError("Your comment has characters that cannot be saved: please retype it.")
    if len(comment) > CheckIn.COMMENT_MAX_LENGTH:
        raise CheckInError(
            f"Your comment is {len(comment)} characters long: please keep it to "
            f"{CheckIn.COMMENT_MAX_LENGTH} or fewer."
        )
    return int(feelings[0]), comment


def _checkins_today(plan):
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return plan.checkins.filter(created_at__gte=start).count()


# No CSRF token: the private address is the only credential (no cookie or session is involved),
# so another site cannot forge a check-in without already knowing it; and a page kept offline
# for days would carry a stale token.
@csrf_exempt
@private
@require_POST
def plan_checkin(request, token):
    plan, refusal = _find_plan(request, token)
    if refusal is not None:
        return refusal
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        feeling, comment = parse_checkin(request.POST)
    except CheckInError as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=400)
        return _plan_response(
            request,
            plan,
            status=400,
            checkin_error=str(error),
            submitted_feeling=request.POST.get("feeling", ""),
            submitted_comment=request.POST.get("comment", "")[:2000],
        )
    limit = checkins_per_day()
    if _checkins_today(plan) >= limit:
        message = (
            f"You have already sent {limit} check-ins today, thank you. You can send the next "
            "one tomorrow."
        )
        if wants_json:
            return JsonResponse({"error": message}, status=429)
        return _plan_response(request, plan, status=429, checkin_error=message)
    CheckIn.objects.create(plan=plan, feeling=feeling, comment=comment)
    message = "Sent, thank you. It will be there for your next visit."
    if wants_json:
        return JsonResponse({"message": message}, status=201)
    return HttpResponseRedirect(f"{plan.get_client_url()}?sent=1#check-in", status=303)


@require_safe
def service_worker(request):
    """The service worker, from /plan/sw.js so that its scope covers every plan address."""
    body = render_to_string(
        "plans/service_worker.js",
        {"assets": [static(path) for path in OFFLINE_ASSETS], "plan_prefix": "/plan/"},
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on each visit; never keep an old one around.
    response["Cache-Control"] = "no-cache"
    return response
