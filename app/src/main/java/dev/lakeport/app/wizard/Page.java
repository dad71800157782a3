package dev.lakeport.app.wizard;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import javafx.scene.Node;

/** A step's view model and (built on first show) its view. */
public final class Page {
    private final PageViewModel viewModel;
    private final Supplier<Node> viewFactory;
    private Node view;

    public Page(PageViewModel viewModel, Supplier<Node> viewFactory) {
        this.viewModel = requireNonNull(viewModel, "viewModel is null");
        this.viewFactory = requireNonNull(viewFactory, "viewFactory is null");
    }

    public Step step() {
        return viewModel.step();
    }

    public PageViewModel viewModel() {
        return viewModel;
    }

    public Node view() {
        if (view == null) {
            view = viewFactory.get();
        }
        return view;
    }
}
