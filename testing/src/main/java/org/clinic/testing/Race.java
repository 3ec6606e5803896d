package org.clinic.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs {@code n} requests at the same moment: every thread waits at a barrier until all are ready, so a test of a
 * race really races (a thread pool alone starts its first task before the last thread exists).
 */
public final class Race {

    private Race() {}

    /** The answers of {@code n} runs of {@code task} (given 0..n-1), released together, in that order. */
    public static <T> List<T> of(int n, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier start = new CyclicBarrier(n);
        try {
            List<Future<T>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                runs.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.apply(index);
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> run : runs) {
                answers.add(run.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } catch (ExecutionException e) {
            throw new AssertionError("a racing request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a racing request did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
