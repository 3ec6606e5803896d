package org.clinic.common.web;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Java names to the snake_case names clients see on the wire. */
public final class FieldNames {

    private FieldNames() {}

    public static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What is wrong with the value Jackson could not read, as the client reads it in {@code errors}. */
    public static String problem(JsonMappingException e) {
        return e instanceof NulCharacters.InText ? NulCharacters.MESSAGE : "invalid value";
    }

    /** Where in the body Jackson failed, as the client names it: {@code medicines[0].quantity}. */
    public static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
