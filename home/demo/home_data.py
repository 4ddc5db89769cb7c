"""The demo home page's clinic sections, in the therapist's voice (written for this site).

The clients and their words are invented for the demo.
"""

from decimal import Decimal

HEADING = "Ashiatsu barefoot massage in Decatur"

ABOUT_HEADING = "What is Ashiatsu barefoot massage?"
ABOUT = (
    "<p>In Ashiatsu I massage with my feet instead of my hands. I hold on to wooden bars on the "
    "ceiling for balance, so I can give long, broad, even strokes with deep pressure and none "
    "of the poking of elbows and thumbs.</p>"
    "<p>You lie on a padded table, draped as in any massage, and you stay in charge of the "
    "pressure the whole time: say the word and I change it straight away. Most people describe "
    "it as deep but soothing.</p>"
    "<p>It suits people who like firm pressure, carry tension across the back and shoulders, "
    "or find ordinary deep tissue work too pointed. Not sure it is for you? Call me and ask; "
    "the first session always starts with a chat.</p>"
)
PHOTO_ALT = (
    "A drawing of the treatment room: a massage table under two wooden ceiling bars, and the "
    "therapist holding a bar while massaging a client's back with one foot."
)

SERVICES = [
    {
        "name": "Ashiatsu barefoot massage",
        "duration_minutes": 60,
        "price": Decimal("95"),
        "description": "Deep, flowing pressure for the back, hips and legs.",
    },
    {
        "name": "Ashiatsu barefoot massage, extended",
        "duration_minutes": 90,
        "price": Decimal("135"),
        "description": "Time for the whole body, with extra work where you are sorest.",
    },
    {
        "name": "Neck and shoulder session",
        "duration_minutes": 45,
        "price": Decimal("75"),
        "description": "Hands-on work for a stiff neck and tight shoulders, and a few "
        "exercises to take home.",
    },
]
SERVICES_NOTE = "Gift cards available. Change or cancel up to 24 hours before at no charge."

DIRECTIONS = "Free parking behind the building; the studio is on the ground floor."

TESTIMONIALS = [
    {
        "name": "Denise R.",
        "detail": "Came in for a stiff upper back",
        "quote": "I was nervous about someone standing on me, but it was the most relaxing "
        "deep massage I have had. My upper back felt loose for days.",
    },
    {
        "name": "Marcus T.",
        "detail": "A client since 2022",
        "quote": "Sharon finds the knots nobody else could reach, and the exercises she sends "
        "me home with actually fit into my day.",
    },
    {
        "name": "Priya K.",
        "detail": "Desk worker with neck pain",
        "quote": "After three sessions and her chin tucks at red lights, my afternoon "
        "headaches are mostly gone.",
    },
]
