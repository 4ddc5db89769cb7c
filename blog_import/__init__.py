"""Bringing the therapist's old blog across: WordPress/Squarespace (WXR) exports become draft articles, with redirects."""
