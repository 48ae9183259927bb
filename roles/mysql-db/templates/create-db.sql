-- Managed by esbplay (role mysql-db): database and user of the WSO2 ESB cluster.
CREATE DATABASE IF NOT EXISTS `{{esb_db_name}}` CHARACTER SET latin1;
CREATE USER IF NOT EXISTS '{{esb_db_user}}'@'{{esb_db_client_hosts}}' IDENTIFIED BY '{{esb_db_password}}';
GRANT ALL PRIVILEGES ON `{{esb_db_name}}`.* TO '{{esb_db_user}}'@'{{esb_db_client_hosts}}';
FLUSH PRIVILEGES;
