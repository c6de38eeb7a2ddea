// Names of the constraints in force. Params: none. Returns: name.
SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name
