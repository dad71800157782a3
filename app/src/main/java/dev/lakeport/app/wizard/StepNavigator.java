package dev.lakeport.app.wizard;

/**
 * Lets a page send the user to another step when its work hands over there (a retry diff goes to Run). Built by
 * the composition root before the wizard exists, so it forwards once the wizard is set.
 */
public final class StepNavigator {
    private WizardViewModel wizard;

    /** Connects the navigator to the wizard; called once by the composition root. */
    public void attach(WizardViewModel wizardViewModel) {
        this.wizard = wizardViewModel;
    }

    /** Shows {@code step} if it can be reached; false when it cannot (or no wizard is attached, as in tests). */
    public boolean go(Step step) {
        return wizard != null && wizard.go(step);
    }
}
