-- :HiveImpact, :HiveTestsFor and :HiveStatus for hive-ls (see lua/hive_ls.lua)
require('hive_ls').create_commands()
