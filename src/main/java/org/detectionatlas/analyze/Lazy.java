package org.detectionatlas.analyze;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed once, by the first thread that calls {@link #get}. Threads that call it
 * meanwhile wait for that value. Each value has its own lock, so two values can be computed at once.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private volatile T value;

    public Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public T get() {
        T known = value;
        if (known == null) {
            synchronized (this) {
                known = value;
                if (known == null) {
                    known = Objects.requireNonNull(compute.get(), "a lazy value computed to null");
                    value = known;
                }
            }
        }
        return known;
    }
}
