package dev.duet.server.http;

import dev.duet.common.LogText;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos for a whole instance: the controls that shape every answer whose request brings none
 * ({@code --default-controls}), changed at run time from the control plane ({@code PUT /controls},
 * {@code DELETE /controls}), and the seed every weighted choice of this instance is drawn with. The
 * echo reads what is in force once a request, from a volatile field; probes, metrics and the
 * control plane never see it, for they are not on the echo port.
 */
public final class DefaultControls {
    private final Logger log = LoggerFactory.getLogger("duet-server");
    private final ControlPlan.Limits limits;
    private final Draws draws;
    private volatile ControlPlan plan;

    /**
     * @param text what {@code --default-controls} gave, or empty
     * @param seed what {@code --seed} gave, or empty for one picked now
     * @throws IllegalArgumentException when the text does not parse, saying why
     */
    DefaultControls(Optional<String> text, Optional<Long> seed, ControlPlan.Limits limits) {
        this.limits = limits;
        // a picked seed is short, to read and type back, and exact in JSON readers that hold doubles (jq, JS)
        this.draws = new Draws(
                seed.orElseGet(() -> (long) ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE)));
        this.plan = text.map(t -> ControlPlan.ofText(t, limits)).orElse(ControlPlan.NONE);
    }

    /** What is in force, written as {@link #set} takes it: empty when none. */
    public String text() {
        return plan.text();
    }

    /** The seed of this instance's weighted choices: another run with {@code --seed} it draws the same. */
    public long seed() {
        return draws.seed();
    }

    /**
     * Puts {@code text} in force (empty text: none) and returns it as {@link #text} shows it.
     *
     * @throws IllegalArgumentException when it does not parse, saying why; what was in force stays
     */
    public String set(String text) {
        ControlPlan next = ControlPlan.ofText(text, limits);
        plan = next;
        log.info(
                "default controls {} by hand (PUT /controls)",
                next.isEmpty() ? "cleared" : "set to " + LogText.escape(next.text(), 512));
        return next.text();
    }

    /** No defaults: every request is answered as it asks. */
    public void clear() {
        plan = ControlPlan.NONE;
        log.info("default controls cleared by hand (DELETE /controls)");
    }

    /** The answer's controls for a request that brought none. */
    ResponseControls draw() {
        return plan.draw(draws);
    }

    /** The draws of this instance, for requests' own weighted controls. */
    Draws draws() {
        return draws;
    }
}
