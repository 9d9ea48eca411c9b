package org.guestjourney.web;

/** One invalid field of a request: its JSON path and what is wrong with it, in words. */
public record FieldViolation(String field, String message) {}
