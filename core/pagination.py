"""Forgiving pagination: any ?page= value a visitor can type gives a sensible page, never an error."""

from django.core.paginator import Paginator


def page_number(raw) -> int:
    try:
        number = int(str(raw).strip()[:9])
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def paginate(request, object_list, per_page):
    """Return a Page of object_list; out-of-range numbers clamp to the first or last page."""
    paginator = Paginator(object_list, per_page)
    number = min(page_number(request.GET.get("page", 1)), paginator.num_pages)
    return paginator.page(number)
