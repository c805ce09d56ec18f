package io.rapport.audit;

/** The value of one attribute before and after a change, in JSON-friendly form (text, numbers, maps, lists). */
public record AttributeChange(Object oldValue, Object newValue) {
}
