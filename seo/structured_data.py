"""schema.org JSON-LD for every page: Article, VideoObject, HowTo, BreadcrumbList and the clinic
as a local health business. Built from a SeoContext (seo/meta.py); pure functions of the content.

An article's or exercise's graph (the costliest: every video, exercise and photo it shows) is
remembered under the content generation (core/cache.py) for visitors' requests, so it is built
once per content change; previews and drafts always build it afresh.
"""

import re

from core.cache import remember, shows_published_content
from core.hours import opening_hours_specification

US_LOCALITY_LINE = re.compile(
    r"^(?P<locality>[^,]+),\s*(?P<region>[A-Z]{2})\s+(?P<postal>\d{5}(?:-\d{4})?)$"
)


# --- JSON-LD objects --------------------------------------------------------------------------


def postal_address(address):
    lines = [line.strip().rstrip(",") for line in (address or "").splitlines() if line.strip()]
    if not lines:
        return None
    result = {"@type": "PostalAddress"}
    match = US_LOCALITY_LINE.match(lines[-1])
    if match and len(lines) > 1:
        result.update(
            streetAddress=", ".join(lines[:-1]),
            addressLocality=match["locality"].strip(),
            addressRegion=match["region"],
            postalCode=match["postal"],
            addressCountry="US",
        )
    else:
        result["streetAddress"] = ", ".join(lines)
    return result


def clinic_id(seo):
    return f"{seo.home_url}#clinic"


def clinic_ld(seo):
    clinic = seo.clinic
    data = {
        "@type": "HealthAndBeautyBusiness",
        "@id": clinic_id(seo),
        "name": seo.clinic_name,
        "url": seo.home_url,
        "image": seo.share_image_url(),
    }
    if clinic is None:
        return data
    if clinic.tagline:
        data["description"] = clinic.tagline
    if clinic.phone:
        data["telephone"] = clinic.phone
    if clinic.email:
        data["email"] = clinic.email
    address = postal_address(clinic.address)
    if address:
        data["address"] = address
    hours = opening_hours_specification(clinic)
    if hours:
        data["openingHoursSpecification"] = hours
    if clinic.booking_url:
        data["potentialAction"] = {
            "@type": "ReserveAction",
            "target": clinic.booking_url,
            "name": "Book online",
        }
    return data


def person_ld(seo, practitioner):
    data = {"@type": "Person", "name": practitioner.name, "worksFor": {"@id": clinic_id(seo)}}
    if practitioner.role:
        data["jobTitle"] = practitioner.role
    if practitioner.credentials:
        data["honorificSuffix"] = practitioner.credentials
    return data


def breadcrumb_ld(seo, crumbs):
    """crumbs: [(name, absolute url), ...] from the home page to this page."""
    return {
        "@type": "BreadcrumbList",
        "@id": f"{seo.canonical}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def page_crumbs(seo, page):
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2).specific()
    return [(ancestor.title, seo.page_url(ancestor)) for ancestor in ancestors]


def video_ld(seo, value, upload_date, fallback_thumbnail, context_title):
    video = value.video
    if video is None:
        return None
    poster = value.get("poster")
    thumbnail = (seo.rendition_url(poster, "fill-1280x720") if poster else "") or fallback_thumbnail
    data = {
        "@type": "VideoObject",
        "@id": f"{seo.canonical}#video-{video.provider}-{video.video_id}",
        "name": value.get("title") or context_title,
        "description": value.get("caption")
        or f"{value.get('title')}: a video from {context_title}.",
        "thumbnailUrl": [thumbnail],
        "uploadDate": upload_date,
        "embedUrl": video.embed_url.replace("autoplay=1&", "").replace("&autoplay=1", ""),
        "url": video.watch_url,
    }
    if value.get("transcript"):
        data["transcript"] = value["transcript"]
    return data


def howto_ld(seo, exercise, video_id=None):
    steps = [str(step.value).strip() for step in exercise.steps if str(step.value).strip()]
    if not steps:
        return None
    url = seo.absolute(exercise.get_url(seo.request) or "")
    data = {
        "@type": "HowTo",
        "@id": f"{url or seo.canonical}#howto",
        "name": exercise.name,
        "description": exercise.summary,
        "step": [
            {"@type": "HowToStep", "position": n, "text": text}
            for n, text in enumerate(steps, start=1)
        ],
    }
    if url:
        data["url"] = url
    if exercise.equipment:
        data["tool"] = [{"@type": "HowToTool", "name": exercise.equipment}]
    if exercise.dose:
        data["yield"] = exercise.dose
    image = seo.rendition_url(exercise.image) if exercise.image_id else ""
    if image or exercise.pk:
        data["image"] = image or seo.share_image_url("exercise", exercise.pk)
    if video_id:
        data["video"] = {"@id": video_id}
    return data


def exercise_upload_date(exercise, fallback):
    published = getattr(exercise, "first_published_at", None) or getattr(
        exercise, "last_published_at", None
    )
    return published.isoformat() if published else fallback


def iso(value):
    return value.isoformat() if value else None


# --- one graph per page ---------------------------------------------------------------------


def _article_exercise_blocks(body):
    """(exercise, update date or None) for each exercise block, updates included, in order."""
    for block in body:
        if block.block_type == "exercise":
            yield block.value, None
        elif block.block_type == "update":
            for inner in block.value["body"]:
                if inner.block_type == "exercise":
                    yield inner.value, block.value.get("date")


def _article_video_values(body):
    """(video value, update date or None) for each video block, updates included, in order."""
    for block in body:
        if block.block_type == "video":
            yield block.value, None
        elif block.block_type == "update":
            for inner in block.value["body"]:
                if inner.block_type == "video":
                    yield inner.value, block.value.get("date")


def article_date_modified(page):
    """The newest update's date; without updates, when it was last published.

    Never earlier than the publication date, so a back-dated update cannot make the article
    look modified before it existed.
    """
    published = page.first_published_at
    updates = page.updates
    if updates:
        newest = updates[0].value["date"]
        if published is not None and newest < published.date():
            return iso(published)
        return iso(newest)
    return iso(page.last_published_at or published)


def article_ld(seo, page, published, image_url, author):
    """The Article itself; the clinic is the author when no practitioner is named."""
    canonical = seo.canonical
    article = {
        "@type": "Article",
        "@id": f"{canonical}#article",
        "headline": page.title[:110],
        "description": page.summary,
        "url": canonical,
        "mainEntityOfPage": {"@id": canonical},
        "image": [image_url],
        "inLanguage": "en-US",
        "publisher": {"@id": clinic_id(seo)},
    }
    if published:
        article["datePublished"] = published
        article["dateModified"] = article_date_modified(page) or published
    article["author"] = author or {"@id": clinic_id(seo)}
    areas = [area.name for area in page.body_areas.all()]
    if areas:
        article["about"] = [{"@type": "Thing", "name": name} for name in areas]
    return article


def article_webpage_ld(seo, page, author):
    """The WebPage that carries the Article, with when it was last reviewed."""
    canonical = seo.canonical
    webpage = {
        "@type": "WebPage",
        "@id": canonical,
        "url": canonical,
        "name": page.title,
        "description": page.summary,
        "isPartOf": {"@type": "WebSite", "name": seo.clinic_name, "url": seo.home_url},
        "breadcrumb": {"@id": f"{canonical}#breadcrumb"},
        "mainEntity": {"@id": f"{canonical}#article"},
    }
    if page.last_reviewed:
        webpage["lastReviewed"] = page.last_reviewed.isoformat()
        # No separate reviewer field: the author checks her own articles.
        if author:
            webpage["reviewedBy"] = author
    return webpage


def article_videos_ld(seo, page, published, image_url, seen):
    """A VideoObject for each distinct video block; ``seen`` collects their ids."""
    videos = []
    for value, update_date in _article_video_values(page.body):
        video = video_ld(seo, value, iso(update_date) or published, image_url, page.title)
        if video and video["@id"] not in seen:
            seen.add(video["@id"])
            videos.append(video)
    return videos


def article_exercise_video_ld(seo, exercise, upload_date):
    """The VideoObject of an exercise shown in an article, or None if it has no video."""
    if exercise.video_block is None:
        return None
    thumb = seo.share_image_url("exercise", exercise.pk)
    return video_ld(seo, exercise.video_block.value, upload_date, thumb, exercise.name)


def article_exercises_ld(seo, page, published, seen):
    """A HowTo (after its video, unless the article already showed it) for each distinct live
    exercise; ``seen`` holds the video ids already in the graph and collects exercise pks."""
    nodes = []
    for value, update_date in _article_exercise_blocks(page.body):
        exercise = value.get("exercise")
        if exercise is None or not exercise.live or exercise.pk in seen:
            continue
        seen.add(exercise.pk)
        # The visitor met this video in the article: date it with the article (or update).
        video = article_exercise_video_ld(seo, exercise, iso(update_date) or published)
        video_id = video["@id"] if video else None
        if video and video_id not in seen:
            seen.add(video_id)
            nodes.append(video)
        howto = howto_ld(seo, exercise, video_id)
        if howto:
            nodes.append(howto)
    return nodes


def article_graph(seo):
    page = seo.page.specific
    published = iso(page.first_published_at) or iso(page.last_published_at)
    # Rendering the share image is not free: work it out once for the article and its videos.
    image_url = seo.image[0]
    author = person_ld(seo, page.author) if page.author else None
    # Shared, and filled in graph order, so a video is listed once wherever it appears.
    seen = set()
    return [
        article_webpage_ld(seo, page, author),
        article_ld(seo, page, published, image_url, author),
        breadcrumb_ld(seo, page_crumbs(seo, page)),
        *article_videos_ld(seo, page, published, image_url, seen),
        *article_exercises_ld(seo, page, published, seen),
        clinic_ld(seo),
    ]


def exercise_graph(seo):
    exercise = seo.exercise
    canonical = seo.canonical
    graph = []
    video_id = None
    if exercise.video_block is not None:
        date = exercise_upload_date(exercise, None)
        if date:
            video = video_ld(seo, exercise.video_block.value, date, seo.image[0], exercise.name)
            if video:
                video_id = video["@id"]
                graph.append(video)
    howto = howto_ld(seo, exercise, video_id)
    if howto:
        howto["mainEntityOfPage"] = {"@id": canonical}
        graph.insert(0, howto)
    library = seo.page
    if library is not None and canonical:
        crumbs = [*page_crumbs(seo, library), (exercise.name, canonical)]
        graph.append(breadcrumb_ld(seo, crumbs))
    graph.append(clinic_ld(seo))
    return graph


def generic_graph(seo):
    kind = seo.kind
    graph = []
    if kind == "home":
        graph.append(
            {
                "@type": "WebSite",
                "@id": f"{seo.home_url}#website",
                "name": seo.clinic_name,
                "url": seo.home_url,
                "publisher": {"@id": clinic_id(seo)},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": seo.absolute("/search/") + "?q={search_term_string}",
                    },
                    "query-input": "required name=search_term_string",
                },
            }
        )
    elif kind in ("collection", "page"):
        graph.append(
            {
                "@type": "CollectionPage" if kind == "collection" else "WebPage",
                "@id": seo.canonical,
                "url": seo.canonical,
                "name": seo.title,
                "description": seo.description,
                "breadcrumb": {"@id": f"{seo.canonical}#breadcrumb"},
            }
        )
        graph.append(breadcrumb_ld(seo, page_crumbs(seo, seo.page)))
    elif kind == "area":
        graph.append(
            {
                "@type": "CollectionPage",
                "@id": seo.canonical,
                "url": seo.canonical,
                "name": seo.title,
                "description": seo.description,
                "about": {"@type": "Thing", "name": seo.area.name},
                "breadcrumb": {"@id": f"{seo.canonical}#breadcrumb"},
            }
        )
        crumbs = [(seo.clinic_name, seo.home_url), (seo.area.name, seo.canonical)]
        graph.append(breadcrumb_ld(seo, crumbs))
    graph.append(clinic_ld(seo))
    return graph


def structured_data(seo):
    """The page's JSON-LD as one {"@context", "@graph"} object."""
    kind = seo.kind
    subject = seo.exercise if kind == "exercise" else seo.page if kind == "article" else None
    if getattr(subject, "pk", None) and shows_published_content(seo.request):
        # The canonical address carries the site's address and anything else the graph's URLs
        # depend on.
        parts = (kind, subject.pk, seo.canonical, seo.home_url)
        return remember("json-ld", parts, lambda: _build(seo, kind))
    return _build(seo, kind)


def _build(seo, kind):
    if kind == "article":
        graph = article_graph(seo)
    elif kind == "exercise":
        graph = exercise_graph(seo)
    else:
        graph = generic_graph(seo)
    return {"@context": "https://schema.org", "@graph": graph}
