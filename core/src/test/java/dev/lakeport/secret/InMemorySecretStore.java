package dev.lakeport.secret;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A store for tests: a map, and what it holds is open to inspection. */
final class InMemorySecretStore implements SecretStore {
    final Map<String, Secret> entries = new TreeMap<>();

    @Override
    public Optional<Secret> get(String account) {
        return Optional.ofNullable(entries.get(Accounts.require(account)));
    }

    @Override
    public void put(String account, Secret value) {
        entries.put(Accounts.require(account), value);
    }

    @Override
    public void delete(String account) {
        entries.remove(Accounts.require(account));
    }

    @Override
    public Kind kind() {
        return Kind.OS_KEYRING;
    }

    @Override
    public String describe() {
        return "in memory";
    }
}
