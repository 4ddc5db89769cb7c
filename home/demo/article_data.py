"""The demo articles, in the therapist's voice but in our own words.

Each body is a function of two look-ups, exercise(slug) and article(slug), so the data can
point at snippets and pages that the loader creates first. Articles are listed in the order
they must be created: ones that others link to come first.
"""

from datetime import timedelta


def _p(*paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def _exercise(exercise, slug, note=""):
    return ("exercise", {"exercise": exercise(slug), "note": note})


def _callout(kind, text="", heading="", articles=(), exercises=()):
    return (
        "callout",
        {
            "kind": kind,
            "heading": heading,
            "text": f"<p>{text}</p>" if text else "",
            "articles": list(articles),
            "exercises": list(exercises),
        },
    )


def _safety_and_fine_print():
    # Empty text: the clinic's standard wording from Clinic settings is shown.
    return [_callout("safety"), _callout("fine_print")]


def head_forward_posture(exercise, article, published):
    return [
        *_p(
            "Your head weighs about as much as a bowling ball. Balanced over your shoulders, "
            "it is easy to carry. Let it drift forward toward a screen and the muscles at the "
            "back of your neck and upper back have to hold it up all day.",
            "That is head-forward posture, and I see it in most of the stiff necks that come "
            "through my door. The good news: a couple of small habits make a real difference.",
        ),
        ("heading", {"text": "How to spot it"}),
        *_p(
            "Stand with your back to a wall, heels a few inches away. If the back of your head "
            "does not touch the wall without tipping your chin up, your head is living a little "
            "in front of you."
        ),
        ("heading", {"text": "Two moves that help"}),
        _exercise(exercise, "chin-tucks", "Sprinkle these through your day, not all at once."),
        _exercise(exercise, "doorway-pec-stretch", "A tight chest pulls the head forward too."),
        (
            "quote",
            {
                "quote": "I set a reminder to do chin tucks at every red light. Two weeks "
                "later my afternoon headaches had mostly gone.",
                "attribution": "A client",
            },
        ),
        *_safety_and_fine_print(),
    ]


def strengthen_upper_back(exercise, article, published):
    return [
        *_p(
            "Stretching feels wonderful, but a stiff upper back also needs strength to hold the "
            "new range you gain. Weak muscles between the shoulder blades let the shoulders "
            "round forward and the neck takes up the slack.",
            "This is the move I give almost everyone. It takes two minutes and needs nothing "
            "but a patch of floor.",
        ),
        _exercise(exercise, "prone-y-raise", "Quality over quantity: slow lifts, long neck."),
        ("heading", {"text": "When you cannot get on the floor"}),
        *_p("Wall angels train the same muscles standing up, at the office or in the kitchen."),
        _exercise(exercise, "wall-angels"),
        _callout(
            "tip",
            "Pair these with a stretch for the chest. Opening the front makes it easier for "
            "the back to do its job.",
            exercises=[exercise("doorway-pec-stretch")],
        ),
        *_safety_and_fine_print(),
    ]


def upper_back_and_neck(exercise, article, published):
    """The seed article's full shape: intro, two exercises, a dated update, links, callouts."""
    update_date = (published + timedelta(days=9)).date()
    return [
        *_p(
            "It has been a week full of sore backs at the studio, and nearly everyone has asked "
            "the same question: what can I do at home between appointments? So I gathered the "
            "videos I keep coming back to into one place.",
            "There are two mobility exercises I recommend again and again for upper back and "
            "neck pain, and I reach for them myself when my neck stiffens up or that nagging "
            "spot between the shoulder blades ruins my day. Both work on the same thing: "
            "getting the upper back moving. When the upper back is stuck, the neck (and often "
            "the shoulders) end up working overtime.",
        ),
        ("heading", {"text": "Free Your Neck"}),
        *_p(
            "I have used this one for years. It loosens the upper back and gets the neck and "
            "back moving together again, which is usually when the pain starts to ease."
        ),
        _exercise(exercise, "free-your-neck", "My long-time favourite."),
        ("heading", {"text": "Magic Neck Stretch"}),
        *_p(
            "Another great way to get the upper back moving so the neck can stop straining. "
            "It also shows you how to check how much progress you are making."
        ),
        _exercise(exercise, "magic-neck-stretch", "Try the progress test before and after."),
        (
            "update",
            {
                "date": update_date,
                "heading": "One more I almost forgot",
                "body": [
                    *_p(
                        "Something kept bugging me about only having two videos here, and it "
                        "finally came to me: I had left out one of my favourites. It is a bit "
                        "unusual, but the first part alone worked so well for me that I never "
                        "got round to the other two. Judging by how good it felt, I should be "
                        "doing it daily."
                    ),
                    _exercise(exercise, "baby-rolling", "Do this one every day."),
                    *_p(
                        "I also came across a short video that walks through improving your "
                        "posture step by step. It takes only a few minutes and pairs nicely "
                        "with the exercises above."
                    ),
                    (
                        "video",
                        {
                            "url": "https://www.youtube.com/watch?v=Ws5pD2kHt4G",
                            "title": "Better posture in a few minutes",
                            "caption": "A clear walk-through of sitting and standing taller "
                            "without strain.",
                            "start_time": "",
                            "transcript": "",
                            "poster": None,
                            "length": "3:40",
                        },
                    ),
                ],
            },
        ),
        _callout(
            "read_next",
            "Once you have tried these, learn how head-forward posture feeds upper back and "
            "neck pain, and then how to strengthen your upper back with one simple move you "
            "can do almost anywhere. Both are worth a few extra minutes.",
            articles=[article("head-forward-posture"), article("strengthen-your-upper-back")],
        ),
        _callout("safety"),
        _callout(
            "call_to_action",
            "If these help but the problem keeps coming back, give me a call and we will look "
            "for what is really behind it.",
        ),
        _callout("fine_print"),
    ]


def desk_break(exercise, article, published):
    return [
        *_p(
            "Hours at a desk slowly pull the shoulders up and forward. A five-minute break "
            "every couple of hours undoes a surprising amount of it.",
        ),
        ("heading", {"text": "The five-minute routine"}),
        _exercise(exercise, "doorway-pec-stretch", "Minute one and two."),
        _exercise(exercise, "wall-angels", "Minutes three and four."),
        _exercise(exercise, "chin-tucks", "Finish with a few of these at your desk."),
        _callout(
            "tip",
            "Put a sticky note on your monitor. The hardest part is remembering to stand up.",
        ),
        *_safety_and_fine_print(),
    ]


def morning_lower_back(exercise, article, published):
    return [
        *_p(
            "Many people wake up with a stiff lower back that eases by mid-morning. A gentle "
            "routine before you start the day can take the edge off much sooner.",
        ),
        _exercise(exercise, "cat-cow", "Start slow while your back is still waking up."),
        _exercise(exercise, "kneeling-hip-flexor-stretch"),
        _exercise(exercise, "baby-rolling"),
        _callout("call_to_action"),
        *_safety_and_fine_print(),
    ]


def jaw_and_neck(exercise, article, published):
    return [
        *_p(
            "If you clench your teeth when you concentrate or wake up with a tired jaw, your "
            "neck may be paying for it. The jaw and neck muscles work as a team, so tension "
            "in one tends to show up in the other.",
        ),
        _exercise(exercise, "jaw-release", "Lovely right before bed."),
        _exercise(exercise, "chin-tucks"),
        _callout(
            "read_next",
            articles=[article("head-forward-posture")],
        ),
        *_safety_and_fine_print(),
    ]


def what_is_ashiatsu(exercise, article, published):
    return [
        *_p(
            "Ashiatsu is a massage in which I use my feet instead of my hands, holding on to "
            "bars on the ceiling for balance. It sounds surprising, but it lets me give long, "
            "broad, deep strokes with far less poking than elbows or thumbs.",
            "Most people describe it as deep but soothing. You stay in control of the "
            "pressure the whole time: tell me and I will adjust it straight away.",
        ),
        ("heading", {"text": "Who it suits"}),
        *_p(
            "It is a good fit if you like firm pressure, carry tension across your back and "
            "shoulders, or find that ordinary deep tissue work feels too pointed."
        ),
        _callout(
            "call_to_action",
            "Curious? Book a first session and we will talk it through before we start.",
        ),
        _callout("fine_print"),
    ]


ARTICLES = [
    # slug, title, summary, body builder, areas, hero colours (a palette in images.py, one per
    # article), the hero's description, days since published. The hero's scene is
    # images.ARTICLE_SCENES[slug].
    {
        "slug": "what-to-expect-from-ashiatsu",
        "title": "What to expect from an Ashiatsu barefoot massage",
        "summary": "Deep pressure without the pointy elbows: how a barefoot massage works and "
        "who it suits.",
        "body": what_is_ashiatsu,
        "areas": ["upper-back", "lower-back"],
        "hero": 4,
        "hero_alt": "A drawing of a therapist standing on a massage table, holding a bar on "
        "the ceiling, massaging a client's back with one foot.",
        "days_ago": 210,
    },
    {
        "slug": "head-forward-posture",
        "title": "Head-forward posture and your sore neck",
        "summary": "Why letting your head drift toward the screen tires your neck and upper "
        "back, and two small habits that help.",
        "body": head_forward_posture,
        "areas": ["neck", "upper-back"],
        "hero": 1,
        "hero_alt": "A drawing of a person at a laptop with their head drifting forward, and "
        "a circle showing where the head should sit.",
        "days_ago": 160,
    },
    {
        "slug": "strengthen-your-upper-back",
        "title": "Strengthen your upper back with one simple move",
        "summary": "Stretching is half of it. This two-minute move builds the strength to keep "
        "your shoulders back and your neck at ease.",
        "body": strengthen_upper_back,
        "areas": ["upper-back", "shoulders"],
        "hero": 3,
        "hero_alt": "A drawing of a person lying face down with both arms reaching forward in a Y.",
        "days_ago": 125,
    },
    {
        "slug": "help-for-upper-back-and-neck-pain",
        "title": "Help for upper back and neck pain",
        "summary": "Three videos I recommend over and over for a stiff neck and that ache "
        "between the shoulder blades, plus a quick posture fix.",
        "body": upper_back_and_neck,
        "areas": ["neck", "upper-back", "shoulders"],
        "hero": 0,
        "hero_alt": "A drawing of a person standing with a hand on the sore back of their neck.",
        "days_ago": 90,
    },
    {
        "slug": "desk-break-for-tight-shoulders",
        "title": "A five-minute desk break for tight shoulders",
        "summary": "Three moves to undo a morning hunched over the keyboard.",
        "body": desk_break,
        "areas": ["shoulders", "upper-back", "neck"],
        "hero": 5,
        "hero_alt": "A drawing of a person standing up from their desk and reaching both "
        "arms up high.",
        "days_ago": 45,
    },
    {
        "slug": "morning-lower-back-stiffness",
        "title": "Easing lower back stiffness in the morning",
        "summary": "A gentle ten-minute routine for backs that wake up grumpy.",
        "body": morning_lower_back,
        "areas": ["lower-back", "hips"],
        "hero": 2,
        "hero_alt": "A drawing of a person on hands and knees on a mat, rounding their back.",
        "days_ago": 21,
    },
    {
        "slug": "jaw-tension-and-neck-pain",
        "title": "Is your jaw part of your neck pain?",
        "summary": "Clenching and neck tension often travel together. Here is how to ease both.",
        "body": jaw_and_neck,
        "areas": ["jaw", "neck"],
        "hero": 6,
        "hero_alt": "A drawing of a face in profile with two fingers resting on the jaw muscle.",
        "days_ago": 8,
    },
]

# Related reading, editor-picked: slug -> slugs, in order.
RELATED = {
    "help-for-upper-back-and-neck-pain": ["head-forward-posture", "strengthen-your-upper-back"],
    "head-forward-posture": ["strengthen-your-upper-back", "desk-break-for-tight-shoulders"],
    "strengthen-your-upper-back": ["head-forward-posture"],
    "desk-break-for-tight-shoulders": ["help-for-upper-back-and-neck-pain"],
    "jaw-tension-and-neck-pain": ["head-forward-posture", "help-for-upper-back-and-neck-pain"],
}
