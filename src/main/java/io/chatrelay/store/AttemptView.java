package io.chatrelay.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded send of a delivery, as its story shows it. {@code number} counts from 1 across
 * replays; {@code outcome} is {@code delivered}, {@code retry} or {@code dead}; {@code answer} is
 * the start of what the destination answered (masked when recorded; null for attempts recorded
 * before answers were kept); {@code nextAttemptAt} is when a retry was scheduled, null otherwise.
 */
public record AttemptView(int number, Instant at, Duration took, int status, String outcome, String reason,
                          String answer, Instant nextAttemptAt) {}
