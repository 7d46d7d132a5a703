package dev.jit.core.model;

/**
 * Why an issue cannot proceed.
 *
 * @param type   {@code dependency} or {@code gate}
 * @param target the dependency id or gate key
 * @param status the dependency's state ({@code missing} if absent) or the gate's status
 * @param detail a human-readable description
 */
public record BlockReason(String type, String target, String status, String detail) {
}
