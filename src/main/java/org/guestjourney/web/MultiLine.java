package org.guestjourney.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body where line breaks and tabs make sense (a house's directions,
 * a guest's request, an answer). Every other text is a single line: CR, LF, TAB and other control
 * characters are refused with a problem naming the field. On a map, its values may be multi-line
 * (its keys never are).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface MultiLine {}
