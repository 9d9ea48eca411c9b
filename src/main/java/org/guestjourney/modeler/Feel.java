package org.guestjourney.modeler;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.impl.JavaValueMapper;
import org.springframework.stereotype.Component;

/**
 * Evaluates FEEL expressions of a journey model (timers, conditions) with the same FEEL engine the
 * Zeebe engine uses, on the application clock, so that what the app predicts is what the engine
 * does.
 */
@Component
public class Feel {

  private final Clock clock;
  private final FeelEngineApi engine;

  Feel(Clock clock) {
    this.clock = clock;
    this.engine =
        FeelEngineBuilder.create()
            .withClock(
                new org.camunda.feel.FeelEngineClock() {
                  @Override
                  public ZonedDateTime getCurrentTime() {
                    return ZonedDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
                  }
                })
            .withCustomValueMapper(new JavaValueMapper())
            .build();
  }

  /** The value of {@code expression} (with or without its leading {@code =}), or why not. */
  public Result evaluate(String expression, Map<String, Object> variables) {
    String text = expression.strip();
    if (text.startsWith("=")) {
      text = text.substring(1);
    }
    ParseResult parsed = parsed(text);
    if (!parsed.isSuccess()) {
      return new Result(null, parsed.failure().message());
    }
    EvaluationResult result = engine.evaluate(parsed.parsedExpression(), variables);
    if (!result.isSuccess()) {
      return new Result(null, result.failure().message());
    }
    if (result.hasSuppressedFailures()) {
      // e.g. a variable the journey only has later (a decision's result): the value is not known
      return new Result(
          null, "not known yet: " + result.suppressedFailures().head().failureMessage());
    }
    return new Result(result.result(), null);
  }

  /**
   * The expression parsed once: a stay's plan evaluates the same few dozen timer and condition
   * expressions of the models for every stay, and parsing costs more than evaluating. Bounded (a
   * studio session may try many drafts): full, it starts over.
   */
  private ParseResult parsed(String text) {
    ParseResult known = parsedExpressions.get(text);
    if (known == null) {
      known = engine.parseExpression(text);
      if (parsedExpressions.size() >= MAX_PARSED) {
        parsedExpressions.clear();
      }
      parsedExpressions.put(text, known);
    }
    return known;
  }

  private static final int MAX_PARSED = 5_000;

  private final java.util.concurrent.ConcurrentHashMap<String, ParseResult> parsedExpressions =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A moment from a timer's date expression: a date-time with a zone or offset. */
  public Optional<Instant> moment(String expression, Map<String, Object> variables) {
    Result r = evaluate(expression, variables);
    return r.failure() != null ? Optional.empty() : asInstant(r.value());
  }

  static Optional<Instant> asInstant(Object value) {
    if (value instanceof ZonedDateTime z) {
      return Optional.of(z.toInstant());
    }
    if (value instanceof OffsetDateTime o) {
      return Optional.of(o.toInstant());
    }
    if (value instanceof String s) {
      try {
        return Optional.of(ZonedDateTime.parse(s).toInstant());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The outcome of an evaluation: a value, or the engine's reason for failing. */
  public record Result(Object value, String failure) {}

  Clock clock() {
    return clock;
  }
}
