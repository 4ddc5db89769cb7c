"""{% remembered "name" part ... %}...{% endremembered %}: a part of a page rendered once per
content change, then served from the page store (core/cache.py remember()).

What is inside must depend only on the saved content and the parts named: the page's own id,
say, never the visitor, the query string or the time of day. It is rendered afresh, and never
remembered, for previews and drafts (the content on screen is not the saved one) and for anyone
signed in: editors get the on-page editing tools inside the blocks, and a page they can see may
be one a visitor cannot.
"""

from django import template

from core.cache import remember, remember_seconds, shows_published_content

register = template.Library()


def may_remember(request):
    if not remember_seconds() or not shows_published_content(request):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class RememberedNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        if not may_remember(context.get("request")):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        return remember(f"fragment:{name}", parts, lambda: self.nodelist.render(context))


@register.tag
def remembered(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a name and at least one part the fragment depends on"
        )
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
