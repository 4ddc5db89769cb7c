"""Blocks of the home page: the massages she offers, with their length and price."""

from decimal import Decimal

from wagtail import blocks


class ServiceStructValue(blocks.StructValue):
    @property
    def price_label(self):
        """The price as visitors read it: "$95", "$95.50", or empty when not set."""
        price = self.get("price")
        if price is None or price == "":
            return ""
        price = Decimal(price)
        return f"${price:,.0f}" if price == price.to_integral_value() else f"${price:,.2f}"

    @property
    def duration_label(self):
        minutes = self.get("duration_minutes")
        if not minutes:
            return ""
        hours, rest = divmod(int(minutes), 60)
        if hours and rest:
            return f"{hours} h {rest} min"
        return f"{hours} h" if hours else f"{rest} min"

    @property
    def duration_iso(self):
        minutes = self.get("duration_minutes")
        return f"PT{int(minutes)}M" if minutes else ""


class ServiceBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=100,
        help_text="The name of the treatment, for example 'Ashiatsu barefoot massage, 90 minutes'.",
    )
    duration_minutes = blocks.IntegerBlock(
        min_value=5,
        max_value=480,
        label="Length in minutes",
        help_text="How long the session lasts, in minutes, for example 90.",
    )
    price = blocks.DecimalBlock(
        min_value=0,
        max_digits=7,
        decimal_places=2,
        help_text="The price in dollars, numbers only, for example 120.",
    )
    description = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="Optional. A sentence about who it suits or what happens.",
    )

    class Meta:
        icon = "tag"
        label = "Service"
        template = "blocks/service.html"
        value_class = ServiceStructValue
        label_format = "{name}"
        form_classname = "struct-block service-block"
        description = "A treatment you offer, with how long it lasts and what it costs."
        preview_value = {
            "name": "Ashiatsu barefoot massage",
            "duration_minutes": 90,
            "price": Decimal("130"),
            "description": "Deep, even pressure for a back that has been sore for weeks.",
        }
