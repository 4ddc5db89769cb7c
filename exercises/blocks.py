"""Blocks used inside an exercise: its steps."""

from wagtail import blocks


class StepBlock(blocks.TextBlock):
    class Meta:
        icon = "list-ol"
        label = "Step"
        template = "blocks/step.html"
        description = "One instruction, in the order the visitor should do it."
        preview_value = "Sit tall, let your shoulders drop and slowly turn your head to the right."
        form_classname = "step-block"
