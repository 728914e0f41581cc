package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on {@link DomainException}s: tests check codes and values, not only that something was thrown. */
final class DomainAssertions {
    private DomainAssertions() {}

    /** Asserts the call throws a {@link DomainException} with {@code code}; chain message checks on the result. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(ThrowingCallable call, ErrorCode code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected DomainException(%s)", code).isInstanceOf(DomainException.class);
        assertThat(((DomainException) thrown).code()).isEqualTo(code);
        return assertThat(thrown);
    }

    /**
     * Runs {@code call} on arbitrary input: it may return, or throw a {@link DomainException} with one of
     * {@code allowed}, whose message is short and printable; any other exception fails the test.
     *
     * @return the result, or {@code null} when the call was rejected
     */
    static <T> T returnsOrRejectsWith(Callable<T> call, ErrorCode... allowed) throws Exception {
        try {
            return call.call();
        } catch (DomainException e) {
            assertThat(Arrays.asList(allowed)).as("code of %s", e.getMessage()).contains(e.code());
            assertThat(e.getMessage()).hasSizeLessThan(400);
            assertThat(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                    .as("printable ASCII message: %s", e.getMessage())
                    .isTrue();
            return null;
        }
    }
}
