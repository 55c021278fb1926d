package cn.sanwu.client.village;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.model.region.RegionTree;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** First run: pick the village from the known region tree, or enter its code and name by hand. */
public final class FirstRunView extends VBox {

    public FirstRunView(VillageService villages, Consumer<VillageProfile> chosen) {
        setId("firstRun");
        setSpacing(10);
        setPadding(new Insets(30));
        Label header = new Label(I18n.t("firstRun.header"));
        header.getStyleClass().add("header");
        RegionTree tree = villages.regions();
        ComboBox<Region> known = new ComboBox<>();
        known.getItems().setAll(tree.disclosingUnits());
        known.setConverter(new StringConverter<>() {
            @Override
            public String toString(Region r) {
                return r == null ? "" : tree.pathTo(r.code()).stream().map(Region::name).reduce((a, b) -> a + " / " + b).orElse("")
                        + "（" + r.code() + "）";
            }

            @Override
            public Region fromString(String s) {
                return null;
            }
        });
        TextField code = new TextField();
        code.setId("villageCode");
        code.setPromptText("12位行政区划代码");
        TextField name = new TextField();
        name.setId("villageName");
        TextField township = new TextField();
        TextField phone = new TextField();
        phone.setPromptText("监督电话");
        known.valueProperty().addListener((o, a, r) -> {
            if (r != null) {
                VillageProfile p = VillageService.profileFor(tree, r, phone.getText());
                code.setText(p.code());
                name.setText(p.name());
                township.setText(p.townshipName());
            }
        });
        ComboBox<RegionLevel> level = new ComboBox<>();
        level.getItems().setAll(RegionLevel.VILLAGE, RegionLevel.COMMUNITY);
        level.setValue(RegionLevel.VILLAGE);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label(I18n.t("firstRun.known")), known);
        form.addRow(1, new Label(I18n.t("firstRun.code")), code);
        form.addRow(2, new Label(I18n.t("firstRun.name")), name);
        form.addRow(3, new Label(I18n.t("firstRun.level")), level);
        form.addRow(4, new Label(I18n.t("firstRun.township")), township);
        form.addRow(5, new Label(I18n.t("firstRun.phone")), phone);
        Label error = new Label();
        error.setId("firstRunError");
        error.getStyleClass().add("problem");
        Button ok = new Button(I18n.t("firstRun.ok"));
        ok.setId("firstRunOk");
        ok.setDefaultButton(true);
        ok.setOnAction(e -> {
            try {
                Region r = known.getValue();
                VillageProfile base = r != null && r.code().equals(code.getText().strip())
                        ? VillageService.profileFor(tree, r, phone.getText())
                        : new VillageProfile(code.getText().strip(), name.getText(), level.getValue(), township.getText(), "", "",
                                phone.getText());
                chosen.accept(villages.choose(new VillageProfile(base.code(), name.getText(), base.level(), township.getText(),
                        base.countyName(), base.cityName(), phone.getText())));
            } catch (StoreException ex) {
                error.setText(ex.userMessage());
            }
        });
        getChildren().addAll(header, new Label(I18n.t("firstRun.explain")), form, error, ok);
    }
}
