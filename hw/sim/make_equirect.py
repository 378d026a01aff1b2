"""Generates hw/sim/equirect-512x256.jpg, the simulated 360° camera's image (run once; the JPEG is committed).

An equirectangular frame (2:1, longitude across, latitude down): sky gradient above the horizon, road and verge
below, meridian lines every 30° so a viewer shows the projection. Baseline JPEG, no EXIF: `takt export images`
adds the tags.
"""
from PIL import Image, ImageDraw

W, H = 512, 256
img = Image.new("RGB", (W, H))
px = img.load()
for y in range(H):
    for x in range(W):
        if y < H // 2:
            t = y / (H / 2)
            px[x, y] = (int(90 + 100 * t), int(140 + 80 * t), int(230 - 20 * t))
        else:
            road = abs(x - W // 2) < W // 8 or abs(x) < W // 16 or abs(x - W) < W // 16
            px[x, y] = (80, 80, 85) if road else (70, 120, 50)
d = ImageDraw.Draw(img)
for lon in range(0, 360, 30):
    x = int(lon / 360 * W)
    d.line([(x, 0), (x, H)], fill=(255, 255, 255), width=1)
d.line([(0, H // 2), (W, H // 2)], fill=(255, 200, 0), width=1)
img.save("hw/sim/equirect-512x256.jpg", quality=70, optimize=True)
