"""boto3's sagemaker-runtime client, unchanged, pointed at PoseOps' local front door (FrontDoorTest runs this).

Usage: python3 invoke_local_endpoint.py <front door base URL> <endpoint name> <image.jpeg>
Prints one JSON line: the variant and keypoint count of a good request, and what a bad one raised.
"""
import json
import sys

import boto3

url, name, image = sys.argv[1:4]
client = boto3.client("sagemaker-runtime", endpoint_url=url, region_name="us-east-1",
                      aws_access_key_id="local", aws_secret_access_key="local")
with open(image, "rb") as f:
    body = f.read()
answer = client.invoke_endpoint(EndpointName=name, ContentType="image/jpeg", Accept="application/json", Body=body)
result = {
    "variant": answer.get("InvokedProductionVariant"),
    "contentType": answer.get("ContentType"),
    "keypoints": len(json.loads(answer["Body"].read())["keypoints"]),
}
try:
    client.invoke_endpoint(EndpointName=name, ContentType="image/jpeg", Body=b"not an image")
    result["modelError"] = None
except client.exceptions.ModelError as e:
    result["modelError"] = {
        "code": e.response["Error"]["Code"],
        "httpStatus": e.response["ResponseMetadata"]["HTTPStatusCode"],
        "originalStatusCode": e.response.get("OriginalStatusCode"),
        "originalMessage": e.response.get("OriginalMessage"),
    }
print(json.dumps(result))
