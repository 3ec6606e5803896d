package org.clinic.common.ops;

/**
 * A setting whose value was read but cannot be used (a key of the wrong length, an origin that is a pattern): thrown
 * at start, printed by {@link ClinicMain} as one line naming the setting. The message names the property; never put a
 * secret value in it.
 */
public final class InvalidSetting extends IllegalArgumentException {

    public InvalidSetting(String property, String reason) {
        super(property + " " + reason);
    }
}
