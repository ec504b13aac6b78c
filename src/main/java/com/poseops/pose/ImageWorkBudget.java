package com.poseops.pose;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much image decoding and drawing may run at once, in megapixels of the images being decoded: a 40 MP upload
 * takes 40 of the budget, a phone photo 12, a thumbnail of either its own size. Work that does not fit waits a little
 * and is then refused with "busy, try again" ({@link BusyException}) — never an OutOfMemoryError for everyone.
 * Even subsampled, a decoder may hold a large image's coefficients (progressive JPEGs), hence counting the source
 * size, not the output size.
 */
public final class ImageWorkBudget {

    /** Megapixels of images decoded at once in the console: three 40 MP uploads, or ten 12 MP phone photos. */
    public static final int CONSOLE_MEGAPIXELS = 128;
    /** How long work waits for the budget before "busy, try again" (a download the browser waits for). */
    public static final Duration CONSOLE_WAIT = Duration.ofSeconds(60);

    private final Semaphore megapixels;
    private final int total;
    private final Duration wait;

    /** The console's one budget, shared by everything that draws uploads or captures. */
    public static ImageWorkBudget forConsole() {
        return new ImageWorkBudget(CONSOLE_MEGAPIXELS, CONSOLE_WAIT);
    }

    public ImageWorkBudget(int totalMegapixels, Duration wait) {
        this.megapixels = new Semaphore(totalMegapixels, true);
        this.total = totalMegapixels;
        this.wait = wait;
    }

    /** Work on an image of {@code pixels}, run when the budget allows. */
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T run(long pixels, Work<T, E> work) throws E {
        int cost = cost(pixels);
        boolean acquired;
        try {
            acquired = megapixels.tryAcquire(cost, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("Interrupted while waiting for other images to be drawn; try again.");
        }
        if (!acquired) {
            throw new BusyException("The server is busy drawing other large images — try again in a few seconds.");
        }
        try {
            return work.run();
        } finally {
            megapixels.release(cost);
        }
    }

    int cost(long pixels) {
        return (int) Math.max(1, Math.min(total, (pixels + 999_999) / 1_000_000));
    }

    /** Megapixels free now (for tests). */
    int available() {
        return megapixels.availablePermits();
    }
}
