package org.guestjourney.studio;

/**
 * One problem of a journey model: an {@code error} refuses deployment, a {@code warning} does not.
 *
 * @param elementId the element at fault (shown on the canvas), or null for the whole model
 * @param rule which of our rules found it
 */
public record ModelProblem(String severity, String elementId, String rule, String message) {

  static ModelProblem error(String elementId, String rule, String message) {
    return new ModelProblem("error", elementId, rule, message);
  }

  static ModelProblem warning(String elementId, String rule, String message) {
    return new ModelProblem("warning", elementId, rule, message);
  }

  boolean isError() {
    return "error".equals(severity);
  }
}
