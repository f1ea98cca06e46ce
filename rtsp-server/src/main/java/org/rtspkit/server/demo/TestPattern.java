package org.rtspkit.server.demo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.LocalTime;

/**
 * The demo's picture: colour bars crossed by a sweeping white bar, and below them the time of day
 * in seven-segment digits with a bar that fills up over each second. Everything moves with the
 * clock alone, so two pictures of different times differ. Drawn straight into the pixel array rather
 * than with Graphics2D: no font or AWT toolkit is needed on a headless server, and it is cheap.
 * Not thread-safe: the picture is redrawn in place.
 */
final class TestPattern {
    /** 75% colour bars in their usual order, as RGB. */
    private static final int[] BARS = {0xBFBFBF, 0xBFBF00, 0x00BFBF, 0x00BF00, 0xBF00BF, 0xBF0000, 0x0000BF, 0x101010};
    private static final int BACKGROUND = 0x202020;
    private static final int DIGIT = 0xF0F0F0;
    private static final int SWEEP = 0xFFFFFF;
    private static final int SECOND_BAR = 0xE03030;
    /** Milliseconds the sweeping bar takes to cross the picture. */
    private static final int SWEEP_PERIOD_MS = 2000;

    /** Segments a to g (bits 0 to 6) lit for each decimal digit. */
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private final int width;
    private final int height;
    private final BufferedImage image;
    private final byte[] pixels;
    private final byte[] background;
    private final int barsHeight;
    // Sizes of the clock, in pixels, scaled to the picture.
    private final int digitWidth;
    private final int digitHeight;
    private final int stroke;
    private final int gap;

    TestPattern(int width, int height) {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("a test pattern needs at least 64x64 pixels: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        this.barsHeight = height * 3 / 5;
        this.digitHeight = height / 5;
        this.digitWidth = digitHeight * 5 / 9;
        this.stroke = Math.max(2, digitHeight / 9);
        this.gap = Math.max(2, digitWidth / 4);
        fill(0, 0, width, height, BACKGROUND);
        for (int i = 0; i < BARS.length; i++) {
            int x0 = i * width / BARS.length;
            fill(x0, 0, (i + 1) * width / BARS.length - x0, barsHeight, BARS[i]);
        }
        this.background = pixels.clone();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The picture at a time of day; the returned image is redrawn by the next call. */
    BufferedImage draw(LocalTime time) {
        System.arraycopy(background, 0, pixels, 0, pixels.length);
        int millisOfDay = (int) (time.toNanoOfDay() / 1_000_000);

        int sweepWidth = Math.max(4, width / 40);
        int sweepX = (int) ((long) (millisOfDay % SWEEP_PERIOD_MS) * (width - sweepWidth) / SWEEP_PERIOD_MS);
        fill(sweepX, 0, sweepWidth, barsHeight, SWEEP);

        String text = String.format("%02d:%02d:%02d.%d", time.getHour(), time.getMinute(), time.getSecond(),
                time.getNano() / 100_000_000);
        int textWidth = 0;
        for (int i = 0; i < text.length(); i++) {
            textWidth += advance(text.charAt(i));
        }
        int x = (width - textWidth) / 2;
        int y = barsHeight + (height - barsHeight - digitHeight) / 2 - stroke;
        for (int i = 0; i < text.length(); i++) {
            drawChar(text.charAt(i), x, y);
            x += advance(text.charAt(i));
        }

        int barY = height - 2 * stroke - stroke / 2;
        fill(0, barY, (int) ((long) (millisOfDay % 1000) * width / 1000), stroke * 2, SECOND_BAR);
        return image;
    }

    private int advance(char c) {
        return c >= '0' && c <= '9' ? digitWidth + gap : stroke + gap;
    }

    private void drawChar(char c, int x, int y) {
        switch (c) {
            case ':' -> {
                fill(x, y + digitHeight / 4, stroke, stroke, DIGIT);
                fill(x, y + digitHeight * 3 / 4 - stroke, stroke, stroke, DIGIT);
            }
            case '.' -> fill(x, y + digitHeight - stroke, stroke, stroke, DIGIT);
            default -> drawDigit(SEGMENTS[c - '0'], x, y);
        }
    }

    private void drawDigit(int segments, int x, int y) {
        int w = digitWidth;
        int h = digitHeight;
        int half = h / 2;
        int t = stroke;
        // Segments a to g as rectangles {x, y, width, height}: top, upper right, lower right, bottom,
        // lower left, upper left, middle.
        int[][] rects = {
                {x, y, w, t}, {x + w - t, y, t, half}, {x + w - t, y + half, t, h - half}, {x, y + h - t, w, t},
                {x, y + half, t, h - half}, {x, y, t, half}, {x, y + half - t / 2, w, t}};
        for (int s = 0; s < rects.length; s++) {
            if ((segments & 1 << s) != 0) {
                fill(rects[s][0], rects[s][1], rects[s][2], rects[s][3], DIGIT);
            }
        }
    }

    /** Fills a rectangle, clipped to the picture. */
    private void fill(int x, int y, int w, int h, int rgb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        byte b = (byte) rgb;
        byte g = (byte) (rgb >> 8);
        byte r = (byte) (rgb >> 16);
        int rowStart = (y0 * width + x0) * 3;
        int rowLength = (x1 - x0) * 3;
        for (int i = rowStart; i < rowStart + rowLength; i += 3) {
            pixels[i] = b;
            pixels[i + 1] = g;
            pixels[i + 2] = r;
        }
        for (int row = y0 + 1; row < y1; row++) {
            System.arraycopy(pixels, rowStart, pixels, (row * width + x0) * 3, rowLength);
        }
    }
}
