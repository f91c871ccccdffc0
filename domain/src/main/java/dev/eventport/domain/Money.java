package dev.eventport.domain;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money in one currency.
 *
 * <p>Contract: never negative, scaled to the currency's minor units (an amount with more decimals than the
 * currency has is rejected rather than rounded), equal to another {@code Money} when amount and currency are
 * equal. Arithmetic between two currencies is refused.
 */
public record Money(BigDecimal amount, Currency currency) {

    /** Validates and normalises the amount to the currency's scale. */
    public Money {
        Invariants.requireValue(amount, "Money", "amount");
        Invariants.requireValue(currency, "Money", "currency");
        if (amount.signum() < 0) {
            throw new InvalidDomainDataException("Money.amount must not be negative, but was " + amount.toPlainString()
                    + " " + currency.getCurrencyCode());
        }
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new InvalidDomainDataException("Money.amount " + amount.toPlainString() + " has more than " + scale
                    + " decimals, which " + currency.getCurrencyCode() + " does not allow");
        }
        amount = amount.setScale(scale);
    }

    /** Money from a decimal string and an ISO 4217 code, e.g. {@code Money.of("12.50", "EUR")}. */
    public static Money of(String amount, String currencyCode) {
        Invariants.requireText(currencyCode, "Money", "currency");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomainDataException("Money.currency must be an ISO 4217 code, but was '" + currencyCode + "'");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(Invariants.requireText(amount, "Money", "amount"));
        } catch (NumberFormatException e) {
            throw new InvalidDomainDataException("Money.amount must be a decimal number, but was '" + amount + "'");
        }
        return new Money(value, currency);
    }

    /** Zero in the given currency. */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** This amount multiplied by a whole quantity. */
    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** The sum of this and {@code other}; both must be in the same currency. */
    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new InvalidDomainDataException("Money.currency must match to add amounts, but got "
                    + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
        }
        return new Money(amount.add(other.amount), currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
