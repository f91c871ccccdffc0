package dev.eventport.examples.store;

import dev.eventport.domain.Money;
import dev.eventport.domain.OrderLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Carts drawn from a seed: one to three lines of 50 SKUs, one to four items each, 1.00 to 300.99 EUR apiece,
 * bought by one of 1000 customers.
 *
 * <p>Contract: two instances with the same seed return the same sequence of carts. Not thread safe.
 */
public final class RandomCarts {

    private final SplittableRandom random;

    /** The carts of {@code seed}. */
    public RandomCarts(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next cart of the sequence. */
    public Cart next() {
        int lineCount = 1 + random.nextInt(3);
        List<OrderLine> lines = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            String price = String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(300), random.nextInt(100));
            lines.add(new OrderLine("SKU-" + random.nextInt(50), 1 + random.nextInt(4), Money.of(price, "EUR")));
        }
        return new Cart("customer-" + random.nextInt(1000), lines);
    }
}
