package dev.jit.core.events;

import dev.jit.core.model.Issue;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which events a reader wants ({@code jit events query}, {@code GET /api/events}): every condition given must
 * hold. {@code types}: any of these types (empty: all). {@code issue}: the event's issue id starts with it
 * (case-insensitive, at least {@value IssueIds#MIN_PREFIX} characters, as ids are shortened elsewhere; a full id
 * is its own prefix; a prefix several issues share matches them all; deleted issues keep their events). {@code
 * actor}: exactly this actor. {@code since}: a time (events at or after it) or an event offset (events after
 * it). {@code limit}: the last {@code limit} matching events (0: all of them).
 */
public record EventFilter(List<String> types, String issue, String actor, Since since, int limit) {
    public EventFilter {
        types = types == null ? List.of() : List.copyOf(types);
        if (issue != null) {
            String prefix = issue.strip();
            if (prefix.length() < Issue.MIN_ID_PREFIX) {
                throw new JitException(ErrorCode.INVALID_ARGUMENT, "Issue id prefix '" + prefix + "' is too short: "
                        + "use at least " + Issue.MIN_ID_PREFIX + " characters", Map.of("issue_id", prefix),
                        List.of("Run 'jit issue list' to see full ids"));
            }
            issue = prefix.toLowerCase(Locale.ROOT);
        }
        if (limit < 0) {
            throw JitException.invalidArgument("The event limit must be 0 (all) or more, got " + limit);
        }
    }

    /** Where a reader starts: events at or after a time, or after the event at a byte offset of the log. */
    public sealed interface Since {
        /**
         * Parses {@code text}: digits are an event offset, anything else must be an RFC 3339 time.
         *
         * @throws JitException INVALID_ARGUMENT for anything else
         */
        static Since parse(String text) {
            String t = text.strip();
            try {
                if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return new AfterOffset(Long.parseLong(t));
                }
                return new AtOrAfter(Instant.parse(t));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new JitException(ErrorCode.INVALID_ARGUMENT, "Invalid since '" + text + "': use an RFC 3339 "
                        + "time such as 2026-01-31T12:00:00Z, or an event offset", Map.of("since", text),
                        List.of("An event offset is the id: of an event on the event stream"));
            }
        }

        /** Whether {@code e} is before the start. The log is in append order: reading back stops at the first. */
        boolean isBefore(Event e);

        /** Events at or after {@code time}; an event without a readable timestamp is left out. */
        record AtOrAfter(Instant time) implements Since {
            @Override
            public boolean isBefore(Event e) {
                return e.instant() != null && e.instant().isBefore(time);
            }
        }

        /** Events whose line starts after {@code offset} (an event's {@code id:} on the event stream). */
        record AfterOffset(long offset) implements Since {
            @Override
            public boolean isBefore(Event e) {
                return e.offset() <= offset;
            }
        }
    }

    public boolean matches(Event e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        if (issue != null && (e.issueId() == null || !e.issueId().toLowerCase(Locale.ROOT).startsWith(issue))) {
            return false;
        }
        if (actor != null && !actor.equals(e.event().actor())) {
            return false;
        }
        if (since instanceof Since.AtOrAfter && e.instant() == null) {
            return false;
        }
        return since == null || !since.isBefore(e);
    }

    /** Whether reading the log backward can stop at {@code e}: it and all before it are older than wanted. */
    public boolean endsBackwardScan(Event e) {
        return since != null && since.isBefore(e);
    }
}
