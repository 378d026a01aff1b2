"""Equirectangular JPEGs of a simple simulated street scene, as a 360° camera on a moving vehicle would see it.

Columns are azimuth (-180°..180°, forward at the centre), rows elevation (+90° top .. -90° bottom). The scene is a
flat road with poles every 10 m on both sides; the vehicle advances `spacing_m` per capture, so consecutive images
differ the way trigger-spaced frames do. Pillow only (Debian's python3-pil).
"""
import io
import math

from PIL import Image, ImageDraw


def render(number, width=1024, height=512, spacing_m=5.0, quality=90):
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    half = height // 2
    for y in range(half):  # sky: zenith dark blue to pale horizon
        t = y / max(1, half - 1)
        draw.line([(0, y), (width, y)], fill=(int(40 + 150 * t), int(90 + 120 * t), int(200 + 40 * t)))
    for y in range(half, height):  # ground: asphalt, darker towards nadir
        t = (y - half) / max(1, height - half - 1)
        shade = int(110 - 60 * t)
        draw.line([(0, y), (width, y)], fill=(shade, shade, shade + 5))

    def column(azimuth_deg):
        return (azimuth_deg + 180.0) / 360.0 * width

    def row(elevation_deg):
        return (90.0 - elevation_deg) / 180.0 * height

    camera_height = 2.5
    along = number * spacing_m
    for side in (-4.0, 4.0):  # poles 4 m left and right of the road axis, every 10 m
        first = math.floor((along - 60) / 10) * 10
        for k in range(14):
            x = first + 10 * k - along  # forward distance from the camera
            if abs(x) < 0.5:
                continue
            az = math.degrees(math.atan2(side, x))
            dist = math.hypot(x, side)
            top = math.degrees(math.atan2(6.0 - camera_height, dist))
            foot = math.degrees(math.atan2(-camera_height, dist))
            w = max(1.0, width * math.degrees(math.atan2(0.3, dist)) / 360.0)
            cx = column(az)
            draw.rectangle([cx - w / 2, row(top), cx + w / 2, row(foot)], fill=(60, 45, 30))
    for lane in range(-180, 181, 15):  # dashed centre line markers on the ground, phase follows the vehicle
        y = row(-20 - 15 * ((lane + along) % 30) / 30)
        draw.line([(column(lane), y), (column(lane) + width / 120, y)], fill=(230, 230, 230), width=2)
    draw.text((8, 8), "takt emulated 360 capture %d at %.1f m" % (number, along), fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality)
    return out.getvalue()
