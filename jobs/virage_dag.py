"""Airflow DAG: Virage nightly for each day, one task, with retries. Scheduling only: no logic here.

Copy into the Airflow dags folder; set the Airflow Variables virage_home (the checkout or install
folder holding jobs/ and target/), virage_input and virage_warehouse. Each run processes its
logical date ({{ ds }}): Airflow's catch-up and manual re-runs are safe, since a rerun of a date
replaces that date's rows only. Exit code 4 (another command is writing the warehouse) is worth a
retry; 2 and 3 (bad configuration, bad input) are not, but Airflow cannot tell them apart, so
retries are few and spaced.

For one task per stage instead, chain BashOperators running `validate`, `influence`,
`score-sentiment` and `rank-ambassadors` with the same --input, --warehouse and --run-date.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(
    dag_id="virage_nightly",
    description="Rank brand ambassadors from the day's social data (Spark + Delta Lake)",
    schedule="30 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,  # one writer per warehouse; a second would exit 4
    default_args={"retries": 2, "retry_delay": timedelta(minutes=15), "execution_timeout": timedelta(hours=2)},
    tags=["virage"],
) as dag:
    nightly = BashOperator(
        task_id="nightly",
        bash_command=(
            "cd {{ var.value.virage_home }} && "
            "VIRAGE_INPUT={{ var.value.virage_input }} VIRAGE_WAREHOUSE={{ var.value.virage_warehouse }} "
            "jobs/virage-nightly.sh {{ ds }}"
        ),
    )
    report = BashOperator(
        task_id="report",
        bash_command=(
            "cd {{ var.value.virage_home }} && java -jar target/virage.jar report "
            "--warehouse {{ var.value.virage_warehouse }} --run-date {{ ds }}"
        ),
    )
    nightly >> report
