"""The demo exercise library, written for this site (not copied from anywhere).

Video addresses, lengths and step times are plausible placeholders: the site never fetches
the videos, it only builds a click-to-load player from the ID. Each exercise's picture (also its
video's cover) is drawn by images.exercise_jpeg in the exercise's position.
"""

BODY_AREAS = [
    # (slug, name, description), head to toe.
    ("jaw", "Jaw", "Clenching and grinding load the muscles that also steady the neck."),
    ("neck", "Neck", "Stiffness, headaches at the base of the skull, trouble turning to look."),
    (
        "shoulders",
        "Shoulders",
        "Tight, raised or rounded shoulders, often from desks, phones and steering wheels.",
    ),
    (
        "upper-back",
        "Upper back",
        "The stubborn ache between the shoulder blades, and a stiff upper back that makes "
        "the neck do all the work.",
    ),
    (
        "lower-back",
        "Lower back",
        "Morning stiffness and the ache after a long day of sitting or lifting.",
    ),
    ("hips", "Hips", "Tight hip flexors and glutes that pull on the lower back."),
]

# "When to get help" for each area: signs that call for a doctor before any exercise.
WHEN_TO_GET_HELP = {
    "jaw": [
        "Your jaw locks open or shut, or you cannot open your mouth wide enough to eat.",
        "The pain came with a fever, a swollen face or a bad tooth.",
        "It started after a blow to the face or a fall.",
    ],
    "neck": [
        "Your arm or hand goes numb, tingles or feels weak.",
        "It started after a fall or an accident, even a small one.",
        "You hit your head, or you feel confused, very sleepy or sick.",
        "You also have a fever, a stiff neck and a headache, or feel very unwell.",
        "You feel dizzy, see double or find it hard to speak or swallow.",
    ],
    "shoulders": [
        "You cannot lift your arm, or it hurts badly at night and does not ease.",
        "It started after a fall or an accident, even a small one.",
        "The shoulder looks out of shape, or you cannot move it at all.",
        "Pain in the left shoulder comes with chest pain or shortness of breath: call 911.",
    ],
    "upper-back": [
        "The pain comes with chest pain, shortness of breath or sweating: call 911.",
        "It started after a fall or an accident, even a small one.",
        "You also have a fever, or you are losing weight without trying.",
    ],
    "lower-back": [
        "Your legs go numb or weak, or you feel numb around your bottom or between your legs.",
        "You have trouble peeing or cannot hold it in.",
        "It started after a fall or an accident, even a small one.",
        "You also have a fever, or the pain is worse at night and keeps you awake.",
    ],
    "hips": [
        "You cannot put weight on your leg.",
        "It started after a fall or an accident, even a small one.",
        "The hip is hot, red or swollen, or you have a fever.",
    ],
}

EXERCISES = [
    {
        "slug": "free-your-neck",
        "name": "Free Your Neck",
        "summary": "A seated mobility drill that gets the upper back turning so the neck no "
        "longer has to do every bit of the work.",
        "video": ("https://www.youtube.com/watch?v=Kq3vN8tWm2A", "Free Your Neck"),
        "steps": [
            "Sit toward the front of a firm chair with your feet flat and hands resting on "
            "your thighs.",
            "Let your chin drop a little and breathe out as you round the top of your back.",
            "Breathe in and lengthen up through the crown of your head.",
            "Turn your chest, not just your head, to the right as far as is easy, then come "
            "back to the middle.",
            "Repeat to the left. Keep the movement small and smooth.",
        ],
        "dose": {"repetitions": 8, "sets": 2, "frequency": "Once or twice a day"},
        "areas": ["neck", "upper-back"],
        "difficulty": "gentle",
        "equipment": "A firm chair",
        "cautions": "<p>Stop if you feel tingling, numbness or pain travelling down an arm.</p>",
        "progress_test": "<p>Before you start, turn your head to each side and notice how far "
        "you can see over your shoulder. Check again afterwards.</p>",
        "video_length": "6:40",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:20", "0:58", "1:25", "2:10", "3:05"],
    },
    {
        "slug": "magic-neck-stretch",
        "name": "Magic Neck Stretch",
        "summary": "Frees the upper back so the neck can relax, with a simple before-and-"
        "after check to see your progress.",
        "video": ("https://www.youtube.com/watch?v=p7RbX2cLd9E", "Magic Neck Stretch"),
        "steps": [
            "Sit or stand tall and reach your right hand across to rest on your left "
            "shoulder blade.",
            "Gently hug yourself so the space between your shoulder blades widens.",
            "Slowly tip your head forward and to the left until you feel a mild stretch.",
            "Hold, breathing slowly, then come back to centre and switch sides.",
        ],
        "dose": {"hold_seconds": 20, "repetitions": 3, "frequency": "Daily"},
        "areas": ["neck", "upper-back", "shoulders"],
        "difficulty": "gentle",
        "equipment": "",
        "cautions": "<p>A stretch should feel like a pleasant pull, never sharp. Skip it if "
        "you have had recent neck surgery or an injury.</p>",
        "progress_test": "<p>Look over each shoulder and pick a spot on the wall you can just "
        "see. After the stretch, look again: can you see a little further?</p>",
        "video_length": "4:15",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:30", "1:05", "1:40", "2:45"],
    },
    {
        "slug": "baby-rolling",
        "name": "Baby Rolling",
        "summary": "Roll from your back to your side the way a baby does, letting one part "
        "of the body lead. It wakes up the whole spine in a few minutes.",
        "video": ("https://vimeo.com/382915407", "Baby Rolling"),
        "steps": [
            "Lie on your back on a rug or mat with your arms overhead and legs long.",
            "Lead with your eyes and head: look to one side and let the rest of you follow "
            "until you roll onto your side. Roll back the same way.",
            "Next, lead with one arm reaching across your body and let the rest follow.",
            "Finally, lead with one leg crossing over, letting the hips pull the rest of you.",
        ],
        "dose": {"repetitions": 5, "frequency": "Every day, each side"},
        "areas": ["upper-back", "lower-back", "hips"],
        "difficulty": "gentle",
        "equipment": "A rug or exercise mat",
        "cautions": "<p>Move slowly and stop if you feel dizzy. If getting down to the floor "
        "is hard, try it on a firm bed.</p>",
        "progress_test": "<p>Notice how much effort the first roll takes. By the last few, "
        "rolling should feel smoother and lighter.</p>",
        "video_length": "9:30",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:45", "1:50", "4:10", "6:35"],
    },
    {
        "slug": "chin-tucks",
        "name": "Chin Tucks",
        "summary": "A tiny movement that counters head-forward posture and eases the load "
        "on the back of the neck.",
        "video": ("https://www.youtube.com/watch?v=Vd4hS1yQe7M", "Chin tucks for posture"),
        "steps": [
            "Sit or stand with your back against a wall, eyes level.",
            "Glide your chin straight back, as if making a double chin. Do not tip your "
            "head up or down.",
            "Hold briefly, feeling the back of your neck lengthen, then relax.",
        ],
        "dose": {"hold_seconds": 5, "repetitions": 10, "frequency": "Three times a day"},
        "areas": ["neck", "jaw"],
        "difficulty": "gentle",
        "equipment": "A wall (optional)",
        "cautions": "<p>Keep it small. Stop if it brings on a headache or dizziness.</p>",
        "progress_test": "<p>Stand with your back to a wall. Notice whether the back of your "
        "head touches it without effort. Check again after a week.</p>",
        "video_length": "2:50",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:15", "0:40", "1:20"],
    },
    {
        "slug": "doorway-pec-stretch",
        "name": "Doorway Pec Stretch",
        "summary": "Opens a tight chest so the shoulders can settle back where they belong.",
        "video": ("https://www.youtube.com/watch?v=Lm8cT0aZr5Q", "Doorway chest stretch"),
        "steps": [
            "Stand in a doorway and rest your forearms on the frame, elbows at shoulder height.",
            "Step one foot forward and lean gently through the doorway.",
            "Keep your ribs down and your neck long while you feel the front of the chest open.",
        ],
        "dose": {"hold_seconds": 30, "repetitions": 2, "frequency": "Twice a day"},
        "areas": ["shoulders", "upper-back"],
        "difficulty": "gentle",
        "equipment": "A doorway",
        "cautions": "<p>Lower your elbows if you feel pinching in the front of the shoulder "
        "or tingling in your hands.</p>",
        "progress_test": "",
        "video_length": "3:20",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:25", "1:00", "1:45"],
    },
    {
        "slug": "wall-angels",
        "name": "Wall Angels",
        "summary": "Slide your arms up and down a wall to train the upper back to hold you "
        "upright.",
        "video": ("https://www.youtube.com/watch?v=Qz2fH6nUw1K", "Wall angels"),
        "steps": [
            "Stand with your back against a wall, feet a small step away from it.",
            "Bring your arms up into a goalpost shape with the backs of your hands toward "
            "the wall.",
            "Slowly slide your arms up, keeping your lower back and head gently against the "
            "wall, then slide them down again.",
        ],
        "dose": {"repetitions": 10, "sets": 2, "frequency": "Daily"},
        "areas": ["upper-back", "shoulders"],
        "difficulty": "moderate",
        "equipment": "A wall",
        "cautions": "<p>Only go as high as you can without your back arching off the wall.</p>",
        "progress_test": "<p>Notice where your hands leave the wall. Over a few weeks they "
        "should stay in contact a little higher.</p>",
        "video_length": "3:45",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:20", "0:55", "1:30"],
    },
    {
        "slug": "prone-y-raise",
        "name": "Prone Y Raise",
        "summary": "A simple strengthening move for the muscles between the shoulder blades. "
        "No equipment needed.",
        "video": ("https://www.youtube.com/watch?v=Hn5wR3jYb8T", "Prone Y raise"),
        "steps": [
            "Lie face down with a folded towel under your forehead.",
            "Reach your arms overhead in a Y shape, thumbs pointing up.",
            "Draw your shoulder blades down and lift your arms a few inches off the floor.",
            "Hold, then lower slowly.",
        ],
        "dose": {"hold_seconds": 3, "repetitions": 10, "sets": 2, "frequency": "Every other day"},
        "areas": ["upper-back", "shoulders"],
        "difficulty": "moderate",
        "equipment": "A towel",
        "cautions": "<p>Keep your neck long and your gaze on the floor. Stop if you feel "
        "pain in the front of the shoulder.</p>",
        "progress_test": "<p>Count how many slow lifts you can do with good form. Aim to add "
        "one or two each week.</p>",
        "video_length": "4:05",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:20", "0:50", "1:25", "2:05"],
    },
    {
        "slug": "cat-cow",
        "name": "Cat-Cow",
        "summary": "A rhythmic, breath-led stretch on hands and knees that loosens the whole "
        "spine, from the neck to the tailbone.",
        "video": ("https://www.youtube.com/watch?v=Tc6gP9kLx3N", "Cat-cow stretch"),
        "steps": [
            "Come onto your hands and knees, hands under shoulders and knees under hips.",
            "Breathe in and let your belly sink as you lift your chest and tailbone.",
            "Breathe out and round your back toward the ceiling, letting your head hang.",
            "Keep flowing between the two with your breath.",
        ],
        "dose": {"repetitions": 10, "frequency": "Mornings"},
        "areas": ["upper-back", "lower-back", "neck"],
        "difficulty": "gentle",
        "equipment": "A mat or folded blanket for your knees",
        "cautions": "<p>Keep the range small if your lower back is sore.</p>",
        "progress_test": "",
        "video_length": "5:10",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:15", "0:45", "1:20", "2:00"],
    },
    {
        "slug": "jaw-release",
        "name": "Jaw Release",
        "summary": "Gentle self-massage and a slow open-and-close to let a clenched jaw let "
        "go, which often softens neck tension too.",
        "video": ("https://www.youtube.com/watch?v=Jr7aW4eVn6B", "Jaw release"),
        "steps": [
            "Find the thick muscle at the angle of your jaw by clenching lightly, then relax.",
            "With two fingers, make slow small circles on that muscle for half a minute.",
            "Rest the tip of your tongue behind your top teeth and slowly open and close "
            "your mouth.",
        ],
        "dose": {"repetitions": 6, "frequency": "Evenings"},
        "areas": ["jaw", "neck"],
        "difficulty": "gentle",
        "equipment": "",
        "cautions": "<p>Skip it if your jaw clicks painfully or locks, and mention it to your "
        "dentist.</p>",
        "progress_test": "",
        "video_length": "3:30",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:25", "1:05", "2:00"],
    },
    {
        "slug": "kneeling-hip-flexor-stretch",
        "name": "Kneeling Hip Flexor Stretch",
        "summary": "Eases the front of the hip, which tightens with sitting and pulls on the "
        "lower back.",
        "video": ("https://www.youtube.com/watch?v=Bf1kM8dRs0W", "Kneeling hip flexor stretch"),
        "steps": [
            "Kneel on a cushion with one foot forward, both knees at right angles.",
            "Tuck your tailbone under slightly and shift your weight forward.",
            "Feel the stretch at the front of the back leg's hip. Hold, then switch sides.",
        ],
        "dose": {"hold_seconds": 30, "repetitions": 2, "frequency": "Daily"},
        "areas": ["hips", "lower-back"],
        "difficulty": "gentle",
        "equipment": "A cushion for your knee",
        "cautions": "<p>Use a chair for balance if you need it.</p>",
        "progress_test": "",
        "video_length": "3:55",
        # Where the video shows each step, in order (a time per step).
        "step_times": ["0:30", "1:10", "1:50"],
    },
]
