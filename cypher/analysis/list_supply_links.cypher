// Every supply link with the facts risk analysis needs: the projection the graph algorithms run on.
// Unordered on purpose (hundreds of thousands of rows at province scale); callers sort when they need to.
// bulk: yes
// params: -
// returns: supplier_id, buyer_id, product_id, share, annual_value, recovery_days, stock_days
MATCH (a:Enterprise)-[x:SUPPLIES]->(b:Enterprise)
RETURN a.id AS supplier_id, b.id AS buyer_id, x.product_id AS product_id, x.share AS share,
       x.annual_value AS annual_value, x.recovery_days AS recovery_days, x.stock_days AS stock_days
