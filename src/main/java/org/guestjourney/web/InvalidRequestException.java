package org.guestjourney.web;

import java.util.List;

/** A request that cannot be accepted as it is; nothing of it has been stored. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldViolation> violations;

  public InvalidRequestException(List<FieldViolation> violations) {
    super(violations.size() + " invalid field(s): " + violations);
    this.violations = List.copyOf(violations);
  }

  public static InvalidRequestException of(String field, String message) {
    return new InvalidRequestException(List.of(new FieldViolation(field, message)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** The violations in one line for a page: "text is required; subject is too long". */
  public String describe() {
    return violations.stream()
        .map(v -> v.field() + " " + v.message())
        .reduce((a, b) -> a + "; " + b)
        .orElse("Invalid");
  }
}
