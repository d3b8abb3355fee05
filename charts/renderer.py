"""Whether the server can draw slide images, asked by every page with a "Slide image" menu.

Apart from charts/slide_images.py so that asking does not load plotly (kaleido needs Debian's `chromium`)."""
from __future__ import annotations

import shutil


def images_available() -> bool:
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))
