"""The image job as a plain Python function (Pillow): a photo's path in, a small normalised grayscale PNG out.

    parallel:thumbs?backend=process&python=thumbs:thumbnail&pythonPath=python
"""

import os

from PIL import Image, ImageOps

SIDE = 256


def thumbnail(path):
    """Resizes (aspect ratio kept), turns gray and stretches the gray levels to 0..255; returns [width, height]."""
    folder = os.path.join(os.path.dirname(os.path.dirname(path)), "thumbnails-python")
    os.makedirs(folder, exist_ok=True)
    with Image.open(path) as image:
        gray = image.convert("L")
    gray.thumbnail((SIDE, SIDE))
    gray = ImageOps.autocontrast(gray)  # min-max normalisation
    gray.save(os.path.join(folder, os.path.splitext(os.path.basename(path))[0] + ".png"))
    return [gray.width, gray.height]
