package com.poseops.datasets;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The datasets the console knows (DynamoDB table {@code <prefix>datasets}, the same code in both modes), listed newest
 * first through the {@code byCreated} index (a Query: the console role has no Scan).
 */
public class DatasetCatalog {

    public static final TableDefinition<DatasetItem> TABLE = new TableDefinition<>("datasets",
            TableSchema.fromBean(DatasetItem.class), List.of(DatasetItem.BY_CREATED_INDEX));
    /** A set's image list is kept in its item; DynamoDB items hold 400 KB, which this count stays well inside. */
    public static final int MAX_IMAGES = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DynamoDbTable<DatasetItem> table;

    public DatasetCatalog(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    public void save(Dataset dataset) {
        DatasetItem item = new DatasetItem();
        item.setId(dataset.id());
        item.setListing(DatasetItem.LISTING);
        item.setName(dataset.name());
        item.setSource(dataset.source().name());
        item.setLocation(dataset.location());
        item.setLabelFile(dataset.labelFile());
        item.setImagesJson(JSON.writeValueAsString(dataset.images()));
        item.setCreatedAt(SortableInstant.format(dataset.createdAt()));
        item.setCreatedBy(dataset.createdBy());
        table.putItem(item);
    }

    public Optional<Dataset> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(id).build())).map(DatasetCatalog::toDataset);
    }

    /** Every set, newest first. */
    public List<Dataset> list() {
        List<Dataset> all = new ArrayList<>();
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(DatasetItem.LISTING).build()))
                .scanIndexForward(false)
                .build();
        table.index(DatasetItem.BY_CREATED_INDEX).query(query)
                .forEach(page -> page.items().forEach(item -> all.add(toDataset(item))));
        return all;
    }

    private static Dataset toDataset(DatasetItem item) {
        List<Dataset.Image> images = Arrays.asList(JSON.readValue(item.getImagesJson(), Dataset.Image[].class));
        return new Dataset(item.getId(), item.getName(), Dataset.Source.valueOf(item.getSource()), item.getLocation(),
                item.getLabelFile(), images, SortableInstant.parse(item.getCreatedAt()), item.getCreatedBy());
    }
}
