// Creates a watchlist. Params: id, name, ownerAccount, org, depth, createdAt. Returns: watchlist (properties).
CREATE (w:Watchlist {id: $id, name: $name, ownerAccount: $ownerAccount, org: $org, depth: $depth,
                     createdAt: $createdAt})
RETURN properties(w) AS watchlist
