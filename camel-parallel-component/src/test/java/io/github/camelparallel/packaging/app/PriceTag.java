package io.github.camelparallel.packaging.app;

import java.math.BigDecimal;
import java.util.function.Function;

/** A task declaring a record result: the item and its price, an exact decimal. */
public class PriceTag implements Function<Integer, PriceTag.Tag> {

    /** An item's price. */
    public record Tag(int item, BigDecimal price) {
    }

    @Override
    public Tag apply(Integer item) {
        return new Tag(item, new BigDecimal("0.10").multiply(BigDecimal.valueOf(item)));
    }
}
