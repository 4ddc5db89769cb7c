"""Visual editing: signed-in editors change blocks from the page they see."""
